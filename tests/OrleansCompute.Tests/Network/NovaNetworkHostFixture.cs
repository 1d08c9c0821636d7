using System.Net;
using OrleansCompute.Tests.Http;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Network;

/// <summary>
/// A real host whose configured networks are made private to the admin project at start, so a project has no
/// network until it makes one: the Nova proxy and network action tests, and the "auto" / none-available cases.
/// </summary>
public sealed class NovaNetworkHostFixture : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();

    public HostProcess Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = new HostProcess(_directory.Path, "--Compute:FakeDriver:SpawnSeconds=0.1", "--Compute:FakeDriver:DefaultSeconds=0.05", "--Compute:Quota:Instances=-1");
        await Host.StartAsync();
        using var admin = NovaClient.For(Host, "admin:admin");
        foreach (var network in (await admin.GetAsync("/network/v2.0/networks?shared=true")).Json["networks"]!.AsArray())
        {
            var unshared = await admin.SendAsync(HttpMethod.Put, $"/network/v2.0/networks/{network!["id"]}", """{"network": {"shared": false}}""");
            unshared.Status.Should().Be(HttpStatusCode.OK, unshared.Body);
        }
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        _directory.Dispose();
    }
}

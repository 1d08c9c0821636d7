using OrleansCompute.Tests.Http;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Create;

/// <summary>
/// The real host for the create tests: default quotas (each test uses its own project), a configured port,
/// and a build failure for any server named with <see cref="FailingMember"/> (the second member of "boom").
/// </summary>
public sealed class CreateHostFixture : IAsyncLifetime
{
    public const string PortId = "a1b2c3d4-0000-4000-8000-000000000001";
    public const string SecondPortId = "a1b2c3d4-0000-4000-8000-000000000002";
    public const string PrivateNetwork = "3cb9bc59-5699-4588-a4b1-b87f96708bc6";
    public const string FailingMember = "boom-2";

    private readonly TempDirectory _directory = new();

    public HostProcess Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = new HostProcess(
            _directory.Path,
            "--Compute:FakeDriver:SpawnSeconds=0.1",
            "--Compute:FakeDriver:DefaultSeconds=0.05",
            $"--Compute:FakeDriver:FailureNameMarker={FailingMember}",
            $"--Compute:Catalog:Ports:0:Id={PortId}",
            $"--Compute:Catalog:Ports:0:NetworkId={PrivateNetwork}",
            "--Compute:Catalog:Ports:0:FixedIp=10.0.250.250",
            $"--Compute:Catalog:Ports:1:Id={SecondPortId}",
            $"--Compute:Catalog:Ports:1:NetworkId={PrivateNetwork}");
        await Host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        _directory.Dispose();
    }

    /// <summary>A client in a project of its own, so that quota and listings are the test's alone.</summary>
    public NovaClient NewProject(out string project, bool admin = false)
    {
        project = "p" + Guid.NewGuid().ToString("N")[..12];
        return NovaClient.For(Host, $"{(admin ? "admin" : "u" + project)}:{project}");
    }
}

[CollectionDefinition(Name)]
public sealed class CreateHostCollection : ICollectionFixture<CreateHostFixture>
{
    public const string Name = "create-host";
}

using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Http;

/// <summary>One real host process on real ports, shared by the HTTP tests of a collection.</summary>
public sealed class HostFixture : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();

    public HostProcess Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // Unlimited instance quotas: the shared host's tests all create in a few projects; quota has its own tests.
        Host = new HostProcess(
            _directory.Path, "--Compute:FakeDriver:SpawnSeconds=0.2", "--Compute:FakeDriver:DefaultSeconds=0.05",
            "--Compute:Quota:Instances=-1", "--Compute:Quota:Cores=-1", "--Compute:Quota:Ram=-1",
            // The security group the tests name besides default (an unknown group is a 400 on create, 404 on add).
            "--Compute:Catalog:SecurityGroups:0=a");
        await Host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        _directory.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class HostCollection : ICollectionFixture<HostFixture>
{
    public const string Name = "host";
}

using OrleansCompute.Tests.Http;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Lifecycle;

/// <summary>
/// The real host for lifecycle tests over HTTP: fast driver, the driver's metadata hooks on (a server's own
/// metadata holds an operation for as long as a test needs to look at it), soft delete on, shelved servers stay
/// on their host (offload by the admin action), no automatic resize confirm.
/// </summary>
public sealed class LifecycleHostFixture : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();

    public HostProcess Host { get; private set; } = null!;

    public NovaClient Demo { get; private set; } = null!;

    public NovaClient Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = new HostProcess(
            _directory.Path,
            "--Compute:FakeDriver:SpawnSeconds=0.05",
            "--Compute:FakeDriver:DefaultSeconds=0.05",
            "--Compute:FakeDriver:MetadataHooks=true",
            "--Compute:ReclaimInstanceInterval=3600",
            "--Compute:ShelvedOffloadTime=-1",
            "--Compute:MinimumReminderPeriod=1",
            // The matrix creates a server per case in one project: Nova's default quota of 10 would refuse them.
            "--Compute:Quota:Instances=-1", "--Compute:Quota:Cores=-1", "--Compute:Quota:Ram=-1",
            // The security group the tests name besides default (an unknown group is a 400 on create, 404 on add).
            "--Compute:Catalog:SecurityGroups:0=web");
        await Host.StartAsync();
        Demo = NovaClient.For(Host);
        Admin = NovaClient.For(Host, "admin:admin");
    }

    public async Task DisposeAsync()
    {
        Demo.Dispose();
        Admin.Dispose();
        await Host.DisposeAsync();
        _directory.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class LifecycleHostCollection : ICollectionFixture<LifecycleHostFixture>
{
    public const string Name = "lifecycle-host";
}

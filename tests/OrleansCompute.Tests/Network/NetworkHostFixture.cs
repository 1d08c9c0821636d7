using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Network;

/// <summary>One real host (noauth tokens <c>project:user</c>) shared by the network API tests.</summary>
public sealed class NetworkHostFixture : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();

    public HostProcess Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = new HostProcess(
            _directory.Path, "--Compute:FakeDriver:SpawnSeconds=0.1", "--Compute:FakeDriver:DefaultSeconds=0.05",
            "--Compute:Quota:Instances=-1", "--Compute:Quota:Cores=-1", "--Compute:Quota:Ram=-1");
        await Host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        _directory.Dispose();
    }
}

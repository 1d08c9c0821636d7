using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Samples;

/// <summary>
/// One samples/EmbeddedHost process for the class's tests: they read different projects' servers and the anonymous
/// paths, so a host each only cost a start-up.
/// </summary>
public sealed class EmbeddedHostSampleFixture : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();

    public HostProcess Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = new HostProcess(RepositoryPaths.SampleAssembly("EmbeddedHost"), _directory.Path, ["--Compute:FakeDriver:SpawnSeconds=0.1", "--Compute:FakeDriver:DefaultSeconds=0.1"]);
        await Host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        _directory.Dispose();
    }
}

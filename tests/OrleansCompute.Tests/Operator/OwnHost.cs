using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Operator;

/// <summary>
/// A real host process of the test class's own, for operator tests that change what every test of a shared
/// host would see (disabled services, zones of hosts); fast fake-driver builds.
/// </summary>
public abstract class OwnHost : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();

    protected HostProcess Host { get; private set; } = null!;

    /// <summary>More host arguments of a test class (e.g. the fake driver's metadata hooks).</summary>
    protected virtual string[] ExtraArguments => [];

    public async Task InitializeAsync()
    {
        Host = new HostProcess(_directory.Path, ["--Compute:FakeDriver:SpawnSeconds=0.1", "--Compute:FakeDriver:DefaultSeconds=0.05", .. ExtraArguments]);
        await Host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        _directory.Dispose();
    }
}

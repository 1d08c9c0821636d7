using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Telemetry;

/// <summary>
/// One real host with the opt-in operational surface switched on, shared by <see cref="TelemetryHostTests"/>: each
/// test there reads only what it made itself (its own route, status and microversion, its own request id), so a
/// host per test only cost start-ups.
/// </summary>
public sealed class TelemetryHostFixture : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();

    public HostProcess Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = new HostProcess(_directory.Path,
            "--Compute:Telemetry:Prometheus=true",
            "--Compute:Telemetry:ServerCountSeconds=1",
            "--Compute:Dashboard:Enabled=true",
            "--Logging:Console:FormatterName=json",
            "--Logging:Console:FormatterOptions:IncludeScopes=true",
            "--Logging:LogLevel:Microsoft.AspNetCore=Debug",
            "--Compute:FakeDriver:SpawnSeconds=0.1",
            "--Compute:FakeDriver:DefaultSeconds=0.05");
        await Host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        _directory.Dispose();
    }
}

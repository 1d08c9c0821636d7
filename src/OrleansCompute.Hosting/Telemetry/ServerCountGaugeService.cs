using Microsoft.Extensions.Hosting;

namespace OrleansCompute.Hosting.Telemetry;

/// <summary>Creates the <c>compute.servers</c> gauge when the host starts (its instrument exists from construction).</summary>
internal sealed class ServerCountGaugeService(ServerCountGauge gauge) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(gauge);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

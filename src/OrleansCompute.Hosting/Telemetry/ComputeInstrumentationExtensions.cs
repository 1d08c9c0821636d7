using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using OrleansCompute.Telemetry;

namespace OrleansCompute.Hosting;

/// <summary>
/// For a product that configures OpenTelemetry itself: adds the control plane's meters and activity sources to its
/// providers. (The host's own configuration, <c>Compute:Telemetry</c> and <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, uses
/// the same calls.)
/// </summary>
public static class ComputeInstrumentationExtensions
{
    /// <summary>
    /// The control plane's metrics: its own meter (<see cref="ComputeTelemetry.MeterName"/>), Orleans' (grain calls,
    /// messaging, storage, reminders), ASP.NET Core's HTTP server metrics, the .NET runtime's, and Npgsql's.
    /// </summary>
    public static MeterProviderBuilder AddOrleansComputeInstrumentation(this MeterProviderBuilder metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return metrics
            .AddMeter([.. ComputeTelemetry.MeterNames])
            .AddMeter("System.Runtime")
            .AddAspNetCoreInstrumentation()
            .AddNpgsqlInstrumentation();
    }

    /// <summary>
    /// The control plane's traces: the HTTP server span, Orleans' grain call, activation and storage spans, the
    /// server index spans (<see cref="ComputeTelemetry.StorageActivitySourceName"/>) and Npgsql's commands.
    /// </summary>
    public static TracerProviderBuilder AddOrleansComputeInstrumentation(this TracerProviderBuilder tracing)
    {
        ArgumentNullException.ThrowIfNull(tracing);
        return tracing
            .AddSource([.. ComputeTelemetry.ActivitySourceNames])
            .AddAspNetCoreInstrumentation()
            .AddNpgsql();
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;

namespace OrleansCompute.Hosting;

/// <summary>The Prometheus exporter of the control plane's metrics, an optional add-on to <c>AddOrleansCompute</c>.</summary>
public static class ComputePrometheusExtensions
{
    /// <summary>The setting that switches the scrape endpoint on (read by OrleansCompute.Hosting as well).</summary>
    private const string EnabledKey = "Compute:Telemetry:Prometheus";

    /// <summary>
    /// When <c>Compute:Telemetry:Prometheus</c> is true, adds OpenTelemetry's Prometheus exporter to the metrics
    /// OrleansCompute.Hosting collects, and the scrape endpoint that <c>MapOrleansCompute</c> maps at
    /// <c>Compute:Telemetry:PrometheusPath</c> (<c>/metrics</c>). Does nothing when the setting is off.
    /// </summary>
    /// <param name="builder">The application's host builder, after <c>AddOrleansCompute</c> or <c>AddOrleansComputeClient</c>.</param>
    public static IHostApplicationBuilder AddOrleansComputePrometheus(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!builder.Configuration.GetValue<bool>(EnabledKey))
        {
            return builder;
        }

        builder.Services.AddSingleton<IComputeScrapeEndpoint, PrometheusScrapeEndpoint>();
        builder.Services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddPrometheusExporter());
        return builder;
    }
}

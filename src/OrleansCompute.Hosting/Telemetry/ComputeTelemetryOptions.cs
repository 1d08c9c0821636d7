namespace OrleansCompute.Hosting.Telemetry;

/// <summary>
/// Telemetry export (configuration section <c>Compute:Telemetry</c>). OTLP export is switched on by the standard
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> setting (with the other standard <c>OTEL_*</c> variables), not by a key here.
/// </summary>
internal sealed class ComputeTelemetryOptions
{
    public const string SectionName = "Compute:Telemetry";

    /// <summary>Serve the metrics for Prometheus to scrape at <see cref="PrometheusPath"/>.</summary>
    public bool Prometheus { get; set; }

    /// <summary>Where the Prometheus scrape endpoint is mapped (outside the compute path prefix).</summary>
    public string PrometheusPath { get; set; } = "/metrics";

    /// <summary>
    /// Seconds the <c>compute.servers</c> counts are kept before a collection reads the index again: every
    /// process reads the whole cluster's counts, so this bounds the query rate per process whatever the scrapers do.
    /// </summary>
    public int ServerCountSeconds { get; set; } = 15;
}

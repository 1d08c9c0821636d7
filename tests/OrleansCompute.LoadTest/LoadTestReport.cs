using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansCompute.LoadTest;

/// <summary>The results of a run: the machine, the settings and every scenario's figures.</summary>
public sealed record LoadTestReport(
    DateTimeOffset StartedAt,
    string Machine,
    LoadTestOptions Options,
    IReadOnlyList<ScenarioResult> Results,
    double? HostResidentMiB,
    double? HostPeakResidentMiB)
{
    public string ToTable()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Machine}");
        text.AppendLine("| scenario | variant | n | errors | p50 ms | p95 ms | p99 ms | per second | note |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var r in Results)
        {
            var l = r.Latency;
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Scenario} | {r.Variant} | {l?.Count} | {l?.Errors} | {l?.P50Ms} | {l?.P95Ms} | {l?.P99Ms} | {(l is null ? "" : Math.Round(l.PerSecond, 1).ToString(CultureInfo.InvariantCulture))} | {r.Note} |");
        }

        if (HostResidentMiB is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Host resident memory at the end: {HostResidentMiB:F0} MiB (peak {HostPeakResidentMiB:F0} MiB)");
        }

        return text.ToString();
    }

    public async Task WriteAsync(string path)
    {
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, this, LoadTestJson.Default.LoadTestReport);
    }
}

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(LoadTestReport))]
internal sealed partial class LoadTestJson : JsonSerializerContext;

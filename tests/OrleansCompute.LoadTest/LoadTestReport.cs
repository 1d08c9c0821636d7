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
        text.AppendLine("| scenario | variant | n | errors | p50 ms | p95 ms | p99 ms | per second | status | note |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in Results)
        {
            var l = r.Latency;
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Scenario} | {r.Variant} | {l?.Count} | {l?.Errors} | {l?.P50Ms} | {l?.P95Ms} | {l?.P99Ms} | {(l is null ? "" : Math.Round(l.PerSecond, 1).ToString(CultureInfo.InvariantCulture))} | {Cell(r.Status)} | {r.Note} |");
        }

        if (HostResidentMiB is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Host resident memory at the end: {HostResidentMiB:F0} MiB (peak {HostPeakResidentMiB:F0} MiB)");
        }

        return text.ToString();
    }

    /// <summary>The scenarios with more than 1 % of their requests failed.</summary>
    public IReadOnlyList<ScenarioResult> Failures => Results.Where(r => r.Failed).ToArray();

    // An error message may hold a pipe or a line break: either would break the table.
    private static string Cell(string text)
    {
        var flat = text.Replace('|', '/').Replace('\n', ' ').Replace('\r', ' ');
        return flat.Length > 160 ? flat[..160] + "..." : flat;
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

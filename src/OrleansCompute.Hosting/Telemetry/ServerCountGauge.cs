using System.Data.Common;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansCompute.Persistence.Telemetry;
using OrleansCompute.Telemetry;

namespace OrleansCompute.Hosting.Telemetry;

/// <summary>
/// The <c>compute.servers</c> gauge: servers that are not deleted, by status, counted by one grouped query on the
/// server index at most once per <see cref="ComputeTelemetryOptions.ServerCountSeconds"/>, and only when a
/// collection asks (a process nobody scrapes never queries). Never a grain call. A status seen once keeps reporting
/// (0 when none are left) so that its series ends at zero rather than going stale.
/// </summary>
internal sealed partial class ServerCountGauge
{
    private readonly ServerStatusCensus? _census;
    private readonly TimeProvider _time;
    private readonly TimeSpan _period;
    private readonly ILogger<ServerCountGauge> _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);
    private DateTimeOffset? _readAt;

    public ServerCountGauge(
        IMeterFactory meters, ServerStatusCensus? census, TimeProvider time, IOptions<ComputeTelemetryOptions> options, ILogger<ServerCountGauge> logger)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _census = census;
        _time = time;
        _period = TimeSpan.FromSeconds(Math.Max(1, options.Value.ServerCountSeconds));
        _logger = logger;
        meters.Create(ComputeTelemetry.MeterName).CreateObservableGauge(
            ComputeTelemetry.ServersInstrument, Observe, unit: "{server}", description: "Servers that are not deleted, by status (cluster-wide).");
    }

    private List<Measurement<long>> Observe()
    {
        lock (_gate)
        {
            Refresh();
            return [.. _counts.Select(pair => new Measurement<long>(pair.Value, new KeyValuePair<string, object?>(ComputeTelemetry.ServerStatusTag, pair.Key)))];
        }
    }

    private void Refresh()
    {
        var now = _time.GetUtcNow();
        if (_census is null || (_readAt is { } readAt && now - readAt < _period))
        {
            return;
        }

        // Even a failed read waits a period: a database that is down is not asked again at every collection.
        _readAt = now;
        try
        {
            var counts = _census.Count();
            foreach (var status in _counts.Keys)
            {
                _counts[status] = 0;
            }

            foreach (var (status, count) in counts)
            {
                _counts[status] = count;
            }
        }
        catch (DbException exception)
        {
            LogCountFailed(_logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "compute.servers: the server index could not be counted; the last counts are reported")]
    private static partial void LogCountFailed(ILogger logger, Exception exception);
}

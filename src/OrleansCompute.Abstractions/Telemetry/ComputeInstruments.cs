using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace OrleansCompute.Telemetry;

/// <summary>
/// The control plane's instruments, defined once. Static (the .NET pattern for library instruments) so that a
/// grain, a middleware or the index records with one line; an instrument nobody listens to costs a flag check.
/// Products read them through the meter and source names of <see cref="ComputeTelemetry"/>, not through this type.
/// </summary>
public static class ComputeInstruments
{
    /// <summary>
    /// Request duration buckets in seconds: OpenTelemetry's HTTP semantic conventions' advice (the SDK's default
    /// buckets are meant for milliseconds and would put every request in the first one).
    /// </summary>
    private const string IndexTable = "compute_servers";

    private static readonly double[] DurationBuckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

    /// <summary>The <see cref="ComputeTelemetry.MeterName"/> meter.</summary>
    public static Meter Meter { get; } = new(ComputeTelemetry.MeterName);

    /// <summary>Compute API requests served.</summary>
    public static Counter<long> Requests { get; } = Meter.CreateCounter<long>(
        ComputeTelemetry.RequestsInstrument, unit: "{request}", description: "Compute API requests served.");

    /// <summary>How long compute API requests took.</summary>
    public static Histogram<double> RequestDuration { get; } = Meter.CreateHistogram(
        ComputeTelemetry.RequestDurationInstrument,
        unit: "s",
        description: "Duration of compute API requests.",
        tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });

    /// <summary>Lifecycle reminder ticks delivered to server grains.</summary>
    public static Counter<long> RemindersFired { get; } = Meter.CreateCounter<long>(
        ComputeTelemetry.RemindersFiredInstrument, unit: "{tick}", description: "Lifecycle reminder ticks delivered to servers.");

    /// <summary>Quota claims released by the reconciler (a leak it healed).</summary>
    public static Counter<long> QuotaReconciled { get; } = Meter.CreateCounter<long>(
        ComputeTelemetry.QuotaReconciledInstrument, unit: "{claim}", description: "Quota claims the reconciler released because their server does not exist or does not count.");

    /// <summary>Host claims released by the reconciler (a leak it healed).</summary>
    public static Counter<long> HostClaimsReconciled { get; } = Meter.CreateCounter<long>(
        ComputeTelemetry.HostClaimsReconciledInstrument, unit: "{claim}", description: "Host claims the reconciler released because their server is gone.");

    /// <summary>The <see cref="ComputeTelemetry.StorageActivitySourceName"/> source.</summary>
    public static ActivitySource Storage { get; } = new(ComputeTelemetry.StorageActivitySourceName);

    /// <summary>
    /// Starts a client span around one statement on the server index table, named as OpenTelemetry's database
    /// conventions ask (<c>{operation} compute_servers</c>); null when nobody listens.
    /// </summary>
    public static Activity? StartIndexSpan(string operation, string databaseSystem)
    {
        var activity = Storage.StartActivity(operation + " " + IndexTable, ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("db.system.name", databaseSystem);
            activity.SetTag("db.operation.name", operation);
            activity.SetTag("db.collection.name", IndexTable);
        }

        return activity;
    }

    /// <summary>Marks a span failed; returns false so that it serves as an exception filter that never catches.</summary>
    public static bool Failed(Activity? activity, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
        activity?.SetTag("error.type", exception.GetType().FullName);
        return false;
    }

    /// <summary>Counts one reminder tick (one line at the reminder handler).</summary>
    public static void ReminderFired(string reminderName) =>
        RemindersFired.Add(1, new KeyValuePair<string, object?>(ComputeTelemetry.ReminderNameTag, reminderName));
}

namespace OrleansCompute.Telemetry;

/// <summary>
/// The names under which the control plane reports telemetry. A product that configures OpenTelemetry itself
/// adds these (<c>AddMeter(ComputeTelemetry.MeterNames)</c>, <c>AddSource(ComputeTelemetry.ActivitySourceNames)</c>),
/// or calls <c>AddOrleansComputeInstrumentation()</c> of OrleansCompute.Hosting, which does the same.
/// </summary>
public static class ComputeTelemetry
{
    /// <summary>The control plane's own meter: API requests, servers by status, reminders fired.</summary>
    public const string MeterName = "OrleansCompute";

    /// <summary>Orleans' own meter: grain calls (<c>orleans-app-requests-latency</c>), messaging, storage, reminders.</summary>
    public const string OrleansMeterName = "Microsoft.Orleans";

    /// <summary>Spans around the server index (SQLite) queries and writes.</summary>
    public const string StorageActivitySourceName = "OrleansCompute.Storage";

    /// <summary>Npgsql's spans (cluster mode: PostgreSQL commands of the index, grain state, reminders, membership).</summary>
    public const string NpgsqlActivitySourceName = "Npgsql";

    /// <summary>Counter of compute API requests, by route template, method, status code and microversion.</summary>
    public const string RequestsInstrument = "compute.api.requests";

    /// <summary>Histogram of compute API request durations in seconds, with the same tags as <see cref="RequestsInstrument"/>.</summary>
    public const string RequestDurationInstrument = "compute.api.request.duration";

    /// <summary>Observable gauge of the servers that are not deleted, by Nova status (cluster-wide, read from the index).</summary>
    public const string ServersInstrument = "compute.servers";

    /// <summary>Counter of lifecycle reminder ticks delivered to servers, by reminder name.</summary>
    public const string RemindersFiredInstrument = "compute.reminders.fired";

    /// <summary>Counter: quota claims the reconciler released because their server does not exist or does not count.</summary>
    public const string QuotaReconciledInstrument = "compute.quota.reconciled";

    /// <summary>Counter: host claims the reconciler released because their server is gone.</summary>
    public const string HostClaimsReconciledInstrument = "compute.host.claims.reconciled";

    /// <summary>Observable counter (embedded mode): SQLite group-commit transactions (commands per transaction is the grouping).</summary>
    public const string GroupCommitTransactionsInstrument = "compute.sqlite.group_commit.transactions";

    /// <summary>Observable counter (embedded mode): commands the SQLite group commit ran (grain state, PubSub, index rows).</summary>
    public const string GroupCommitCommandsInstrument = "compute.sqlite.group_commit.commands";

    /// <summary>Observable counter (embedded mode): SQL texts the group commit had SQLite prepare (each distinct text once per connection).</summary>
    public const string GroupCommitPreparesInstrument = "compute.sqlite.group_commit.prepares";

    /// <summary>Tag: the route template (never the raw path), e.g. <c>/v2.1/servers/{server_id}</c>.</summary>
    public const string RouteTag = "http.route";

    /// <summary>Tag: the HTTP method.</summary>
    public const string MethodTag = "http.request.method";

    /// <summary>Tag: the response status code.</summary>
    public const string StatusCodeTag = "http.response.status_code";

    /// <summary>Tag: the negotiated compute microversion (<c>2.1</c> … ), or <c>none</c> outside the versioned API.</summary>
    public const string MicroversionTag = "compute.microversion";

    /// <summary>Tag: a server's Nova status (<c>ACTIVE</c>, <c>BUILD</c>, ...).</summary>
    public const string ServerStatusTag = "compute.server.status";

    /// <summary>Tag: a reminder's name (<c>reclaim</c>, <c>shelve-offload</c>, <c>resize-confirm</c>, ...).</summary>
    public const string ReminderNameTag = "compute.reminder.name";

    /// <summary>Every meter the control plane's processes report on.</summary>
    public static IReadOnlyList<string> MeterNames { get; } = [MeterName, OrleansMeterName];

    /// <summary>
    /// Every activity source of a request's trace below the HTTP server span: Orleans' grain call, lifecycle and
    /// storage spans (<c>Microsoft.Orleans.*</c>, see <c>Orleans.Diagnostics.ActivitySources</c>), ours, and Npgsql's.
    /// </summary>
    public static IReadOnlyList<string> ActivitySourceNames { get; } =
    [
        "Microsoft.Orleans.Application",
        "Microsoft.Orleans.Runtime",
        "Microsoft.Orleans.Lifecycle",
        "Microsoft.Orleans.Storage",
        StorageActivitySourceName,
        NpgsqlActivitySourceName,
    ];
}

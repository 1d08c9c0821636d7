using OrleansCompute.Servers;

namespace OrleansCompute.Api.Usage;

/// <summary>
/// One server's share of a period, as Nova's simple tenant usage counts it: the hours between its launch and its
/// termination that fall in the period, and the size of the flavor it has now.
/// </summary>
internal sealed record ServerUsage(ServerSnapshot Server, double Hours, DateTimeOffset Now)
{
    public int LocalGb => Server.Flavor.DiskGb + Server.Flavor.EphemeralGb;

    /// <summary>Whether the server counts in the period: launched before its end, not terminated before its start.</summary>
    public static bool Counts(ServerSnapshot server, DateTimeOffset start, DateTimeOffset end) =>
        server.LaunchedAt is { } launched && launched < end && (server.TerminatedAt is not { } terminated || terminated > start);

    public static ServerUsage Of(ServerSnapshot server, DateTimeOffset start, DateTimeOffset end, DateTimeOffset now)
    {
        var from = server.LaunchedAt!.Value > start ? server.LaunchedAt.Value : start;
        var to = server.TerminatedAt is { } terminated && terminated < end ? terminated : end;
        return new ServerUsage(server, Math.Max(0, (to - from).TotalHours), now);
    }

    /// <summary>Seconds from launch to termination, or to now while it runs.</summary>
    public long Uptime => (long)((Server.TerminatedAt ?? Now) - Server.LaunchedAt!.Value).TotalSeconds;
}

namespace OrleansCompute.Persistence.Index;

/// <summary>Instants as unix microseconds: integers sort and compare in SQLite, and keep Nova's precision.</summary>
internal static class UnixMicroseconds
{
    public static long From(DateTimeOffset instant) =>
        (instant.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;

    public static long? From(DateTimeOffset? instant) => instant is { } value ? From(value) : null;
}

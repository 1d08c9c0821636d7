namespace OrleansCompute.Servers.Lifecycle;

/// <summary>
/// A named resource step a transition runs after its end is persisted (host claims, quota), in the order the
/// row lists them. Each is a separate grain method (<c>ServerGrain.RunHookAsync</c>) and idempotent per server, so
/// a hook repeated after a crash, or replayed from an outbox, does no harm.
/// </summary>
public enum ServerHook
{
    /// <summary>The server no longer uses its host's resources (shelve offload): both host claims go.</summary>
    ReleaseHostResources,

    /// <summary>A resize or migration was settled: the quota follows the flavor the server ends with.</summary>
    SettleResizeQuota,

    /// <summary>Soft-deleted: Nova does not count the server toward the project's quota any more.</summary>
    ReleaseServerQuota,
}

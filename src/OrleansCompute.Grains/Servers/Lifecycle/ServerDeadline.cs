using OrleansCompute.Servers.Actions;

namespace OrleansCompute.Servers.Lifecycle;

/// <summary>
/// A deadline a transition sets (stored with the server) and the reminder that wakes the grain for it: when it
/// is due, the grain runs <see cref="Action"/> if the server is still in <see cref="AppliesIn"/>.
/// </summary>
public sealed record ServerDeadline
{
    /// <summary>The Orleans reminder's name.</summary>
    public required string Reminder { get; init; }

    /// <summary>The action run when the deadline has passed.</summary>
    public required ServerActionKind Action { get; init; }

    /// <summary>The vm_state the deadline belongs to; elsewhere it is stale and its reminder goes.</summary>
    public required string AppliesIn { get; init; }

    /// <summary>Reads the stored deadline.</summary>
    public required Func<ServerState, DateTimeOffset?> Get { get; init; }

    /// <summary>Stores (or clears, with null) the deadline.</summary>
    public required Action<ServerState, DateTimeOffset?> Set { get; init; }

    /// <summary>When it falls due for a server that just ended the transition (null: no deadline, e.g. an interval of 0).</summary>
    public required Func<ServerSnapshot, DateTimeOffset, ServerLifecycleOptions, DateTimeOffset?> DueAt { get; init; }

    /// <summary>The deadline if it applies to <paramref name="server"/> in its current vm_state.</summary>
    public DateTimeOffset? Pending(ServerSnapshot server, ServerState state) => server.VmState == AppliesIn ? Get(state) : null;
}

/// <summary>The server's deadlines: resize auto-confirm, shelve offload, soft-delete reclaim.</summary>
public static class ServerDeadlines
{
    /// <summary>Nova's <c>resize_confirm_window</c>: a resized server is confirmed automatically.</summary>
    public static ServerDeadline ConfirmResize { get; } = new()
    {
        Reminder = "resize-confirm",
        Action = ServerActionKind.ConfirmResize,
        AppliesIn = VmState.Resized,
        Get = s => s.ConfirmResizeAt,
        Set = (s, at) => s.ConfirmResizeAt = at,
        DueAt = (_, now, o) => o.ResizeConfirmWindow > 0 ? now.AddSeconds(o.ResizeConfirmWindow) : null,
    };

    /// <summary>Nova's <c>shelved_offload_time</c>: a shelved server is offloaded.</summary>
    public static ServerDeadline Offload { get; } = new()
    {
        Reminder = "shelve-offload",
        Action = ServerActionKind.ShelveOffload,
        AppliesIn = VmState.Shelved,
        Get = s => s.OffloadAt,
        Set = (s, at) => s.OffloadAt = at,
        DueAt = (_, now, o) => o.ShelvedOffloadTime > 0 ? now.AddSeconds(o.ShelvedOffloadTime) : null,
    };

    /// <summary>Nova's <c>reclaim_instance_interval</c>, counted from the soft delete.</summary>
    public static ServerDeadline Reclaim { get; } = new()
    {
        Reminder = "reclaim",
        Action = ServerActionKind.Reclaim,
        AppliesIn = VmState.SoftDeleted,
        Get = s => s.ReclaimAt,
        Set = (s, at) => s.ReclaimAt = at,
        DueAt = (server, now, o) => (server.DeletedAt ?? now).AddSeconds(o.ReclaimInstanceInterval),
    };

    /// <summary>All of them, in the order activation repairs their reminders.</summary>
    public static IReadOnlyList<ServerDeadline> All { get; } = [Reclaim, Offload, ConfirmResize];

    /// <summary>The deadline whose reminder has this name; null for a reminder the grain no longer knows.</summary>
    public static ServerDeadline? ForReminder(string reminder) => All.FirstOrDefault(d => d.Reminder == reminder);
}

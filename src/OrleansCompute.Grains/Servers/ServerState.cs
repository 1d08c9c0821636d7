using OrleansCompute.Servers.Actions;

namespace OrleansCompute.Servers;

/// <summary>The persisted state of a ServerGrain: the server and the operation in flight, if any.</summary>
[GenerateSerializer, Alias("compute.ServerState")]
public sealed class ServerState
{
    [Id(0)] public ServerSnapshot? Server { get; set; }
    [Id(1)] public PendingOperation? Pending { get; set; }

    /// <summary>The networks a build still has to wire; kept until the build ends so a resumed build can.</summary>
    [Id(2)] public IReadOnlyList<NetworkRequest> RequestedNetworks { get; set; } = [];

    [Id(3)] public bool AutoAllocateNetwork { get; set; }

    /// <summary>How the server is scheduled (kept for the build, resize and unshelve; see ServerGrain.Placement).</summary>
    [Id(20)] public OrleansCompute.Scheduling.ScheduleRequest? Scheduling { get; set; }

    /// <summary>The action log, oldest first (Nova's <c>instance_actions</c>); bounded, see <c>ServerGrain.ActionLog</c>.</summary>
    [Id(4)] public List<InstanceActionRecord> Actions { get; set; } = [];

    /// <summary>The resize or migration waiting for confirm or revert (vm_state <c>resized</c>).</summary>
    [Id(5)] public ResizeContext? Resize { get; set; }

    /// <summary>When a soft-deleted server is reclaimed (deleted_at + reclaim_instance_interval).</summary>
    [Id(6)] public DateTimeOffset? ReclaimAt { get; set; }

    /// <summary>When a shelved server is offloaded (shelved_offload_time after the shelve).</summary>
    [Id(7)] public DateTimeOffset? OffloadAt { get; set; }

    /// <summary>When a resized server is confirmed automatically (resize_confirm_window after the resize).</summary>
    [Id(8)] public DateTimeOffset? ConfirmResizeAt { get; set; }

    /// <summary>No server was created under this id and none ever will be (a create whose answer was lost gave up).</summary>
    [Id(9)] public bool Abandoned { get; set; }

    /// <summary>
    /// Work that committed transitions made due on other grains and that has not succeeded yet, oldest first
    /// (see <c>ServerGrain.Outbox</c>): written by the commit that makes it due, removed once done.
    /// </summary>
    [Id(10)] public List<ServerOutboxEntry> Outbox { get; set; } = [];

    /// <summary>Nova's system metadata <c>shelved_image_id</c>: the snapshot a shelve left, deleted by unshelve or delete.</summary>
    [Id(30)] public string? ShelvedImageId { get; set; }

    /// <summary>
    /// An os-interface attach the server has started and not finished (written with the instance action, cleared
    /// with its end): a crash in between is finished on activation, and the port asks before it is reconciled.
    /// </summary>
    [Id(31)] public ServerActionCommand? InterfaceIntent { get; set; }
}

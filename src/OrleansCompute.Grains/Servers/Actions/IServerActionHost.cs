using OrleansCompute.Catalog;
using OrleansCompute.Identity;
using OrleansCompute.Migrations;
using OrleansCompute.Servers.Lifecycle;

namespace OrleansCompute.Servers.Actions;

/// <summary>
/// What an action handler (<see cref="ServerAction"/>) may use of the server grain: its state and the named steps
/// the grain carries out under its commit gate. Handlers decide; the grain writes.
/// </summary>
internal interface IServerActionHost
{
    Guid ServerId { get; }

    /// <summary>The server as reads show it.</summary>
    ServerSnapshot Live { get; }

    /// <summary>The grain's stored state besides the server (resize context, deadlines, pending operation).</summary>
    ServerState State { get; }

    ComputeCatalog Catalog { get; }

    ServerLifecycleOptions Options { get; }

    /// <summary>Where the server's moves are recorded (<c>/os-migrations</c>).</summary>
    MigrationJournal Migrations { get; }

    /// <summary>The host a live migration in flight goes to (chosen by <see cref="ChooseDestination"/>).</summary>
    string? LiveMigrationTarget { get; }

    /// <summary>Another host for a migration: the one asked for (admin), or one in the same zone.</summary>
    string ChooseDestination(ServerSnapshot server, string? requested);

    /// <summary>The image a rebuild or rescue names, as the caller sees it; null when none is named or it cannot be found.</summary>
    Task<ImageDefinition?> FindActionImageAsync(string? imageRef, CallerContext caller);

    /// <summary>Whether the caller (as a user, Nova's key pair owner) has a key pair of that name.</summary>
    Task<bool> HasKeyPairAsync(string name, CallerContext caller);

    /// <summary>The generic start: checks, the first task_state and the pending operation in one write, then the driver work.</summary>
    Task BeginTransitionAsync(ServerTransition row, ServerActionCommand command, ImageDefinition? actionImage = null);

    Task BeginResizeAsync(ServerTransition row, ServerActionCommand command);

    Task BeginUnshelveAsync(ServerTransition row, ServerActionCommand command);

    /// <summary>evacuate: Nova's checks of the target and the source's compute service, a claim on the new host, then the transition.</summary>
    Task BeginEvacuateAsync(ServerTransition row, ServerActionCommand command);

    /// <summary>Drops this server's claim on a host (a start that did not go ahead).</summary>
    Task ReleaseHostClaimAsync(string host);

    Task BeginSnapshotAsync(ServerTransition row, ServerActionCommand command);

    Task BeginDeleteAsync(ServerTransition row, ServerActionCommand command);

    Task ForceDeleteAsync(ServerTransition row, ServerActionCommand command);

    Task RestoreAsync(ServerTransition row, ServerActionCommand command);

    Task LockAsync(ServerTransition row, ServerActionCommand command);

    Task UnlockAsync(ServerTransition row, ServerActionCommand command);

    Task ResetStateAsync(ServerTransition row, ServerActionCommand command);

    Task ChangeSecurityGroupsAsync(ServerActionCommand command, bool adding);

    /// <summary>addFixedIp / removeFixedIp: the port's fixed IPs changed (lock checked), the server's copy read back.</summary>
    Task ChangeFixedIpAsync(ServerTransition row, ServerActionCommand command, bool adding);

    /// <summary>addFloatingIp / removeFloatingIp: the floating IP (dis)associated with one of the server's fixed IPs.</summary>
    Task ChangeFloatingIpAsync(ServerActionCommand command, bool adding);

    /// <summary>os-interface attach: binds or makes the port and adds its addresses.</summary>
    Task AttachInterfaceAsync(ServerTransition row, ServerActionCommand command);

    /// <summary>os-interface detach: gives the port up and drops its addresses.</summary>
    Task DetachInterfaceAsync(ServerTransition row, ServerActionCommand command);

    /// <summary>Nova's <c>check_instance_lock</c> as the row says.</summary>
    void EnsureUnlocked(ServerTransition row, ServerSnapshot server, CallerContext caller);

    /// <summary>Rebuild of a volume-backed server (2.93): the root volume is reimaged; a failure is a driver failure.</summary>
    Task ReimageRootVolumeAsync(ImageDefinition image);

    /// <summary>The snapshot image of createImage / createBackup becomes ACTIVE.</summary>
    Task MarkSnapshotActiveAsync(string imageId);

    /// <summary>The snapshot image goes (the snapshot failed or was abandoned).</summary>
    Task DeleteSnapshotAsync(string imageId);

    /// <summary>The shelve's snapshot image is ACTIVE and recorded as the server's <c>shelved_image_id</c> (written with the end).</summary>
    Task RecordShelvedImageAsync(string imageId);

    /// <summary>The server's <c>shelved_image_id</c> image goes (unshelve ended, as Nova deletes it).</summary>
    Task RemoveShelvedImageAsync();
}

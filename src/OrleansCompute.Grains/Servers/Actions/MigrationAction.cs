using OrleansCompute.Migrations;

namespace OrleansCompute.Servers.Actions;

/// <summary>
/// resize and cold migrate: both move the server through the resize phases to VERIFY_RESIZE, ending on the new
/// flavor and the destination host of the resize context the start recorded; a failure drops that context. Each
/// is a migration record (<c>finished</c> at VERIFY_RESIZE, <c>error</c> when it fails).
/// </summary>
internal abstract class MigrationAction : ServerAction
{
    /// <summary>Both kinds a settle (confirm, revert) may find.</summary>
    internal static readonly string[] ResizeTypes = [MigrationTypes.Resize, MigrationTypes.Migration];

    public override ServerSnapshot End(IServerActionHost host, ServerSnapshot before, ServerSnapshot ended) =>
        host.State.Resize is { } resize
            ? ended with { Flavor = resize.NewFlavor, Host = resize.DestinationHost, Node = resize.DestinationHost }
            : ended;

    public override void Failed(ServerState state) => state.Resize = null;

    public override Task FinishedAsync(IServerActionHost host, ServerActionCommand command) =>
        host.Migrations.AdvanceAsync(host.ServerId, MigrationStatuses.Finished, host.State.Resize?.DestinationHost, ResizeTypes);

    public override Task DiscardAsync(IServerActionHost host, ServerActionCommand command) =>
        host.Migrations.AdvanceAsync(host.ServerId, MigrationStatuses.Error, null, ResizeTypes);

    /// <summary>The start, recorded as a migration of <paramref name="type"/> to the destination the start chose.</summary>
    protected static Task RecordedStartAsync(IServerActionHost host, string type, string? newFlavorId, Func<Task> start) =>
        host.Migrations.RecordAroundAsync(host.Live, type, MigrationStatuses.PreMigrating, newFlavorId, start, () => host.State.Resize?.DestinationHost);

    /// <summary>Records where the server comes from and goes to, for the end, the confirm and the revert.</summary>
    protected static void RecordResize(IServerActionHost host, ServerSnapshot server, FlavorSnapshot newFlavor, string? destination) =>
        host.State.Resize = new ResizeContext
        {
            OldFlavor = server.Flavor,
            NewFlavor = newFlavor,
            SourceHost = server.Host,
            DestinationHost = destination,
            PreviousVmState = server.VmState,
            PreviousPowerState = server.PowerState,
        };
}

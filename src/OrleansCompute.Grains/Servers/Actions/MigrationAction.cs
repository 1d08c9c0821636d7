namespace OrleansCompute.Servers.Actions;

/// <summary>
/// resize and cold migrate: both move the server through the resize phases to VERIFY_RESIZE, ending on the new
/// flavor and the destination host of the resize context the start recorded; a failure drops that context.
/// </summary>
internal abstract class MigrationAction : ServerAction
{
    public override ServerSnapshot End(IServerActionHost host, ServerSnapshot before, ServerSnapshot ended) =>
        host.State.Resize is { } resize
            ? ended with { Flavor = resize.NewFlavor, Host = resize.DestinationHost, Node = resize.DestinationHost }
            : ended;

    public override void Failed(ServerState state) => state.Resize = null;

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

using OrleansCompute.Faults;
using OrleansCompute.Networking;
using OrleansCompute.Servers.Actions;
using OrleansCompute.Servers.Lifecycle;

namespace OrleansCompute.Servers;

/// <summary>
/// Nova's <c>os-interface</c> on the server: the lifecycle row checks, the instance action and the attach's intent are
/// written first, then the network service binds (or makes) the port, then the port's addresses are added in the
/// action's end. A crash in between leaves the intent: the server finishes it when it activates, and the port (which
/// watches its binding) asks the server before giving itself up, as a volume does for its attachment. Detach
/// gives the port up (deleted when Nova made it, unbound otherwise) and drops its addresses. A failure of the port
/// call ends the action with the error and leaves the addresses as they were.
/// </summary>
internal sealed partial class ServerGrain : IServerInterfacesGrain
{
    public async Task<ServerSnapshot> AttachInterfaceAsync(ServerActionCommand command)
    {
        await StartInterfaceActionAsync(command with { Action = ServerActionKind.AttachInterface });
        return Current();
    }

    public Task DetachInterfaceAsync(ServerActionCommand command) =>
        StartInterfaceActionAsync(command with { Action = ServerActionKind.DetachInterface });

    async Task IServerActionHost.AttachInterfaceAsync(ServerTransition row, ServerActionCommand command)
    {
        var request = command.Interface ?? throw ComputeFaultException.BadRequest("An interface is required.");
        await BeginInterfaceActionAsync(row, command, s =>
        {
            if (s.Addresses.Any(a => a.PortId == request.PortId))
            {
                throw ComputeFaultException.Conflict($"Port {request.PortId} is still in use.");
            }
        }, intent: command);

        // The port settles its binding with this server later should the server never write the end (a crash).
        await GrainFactory.GetGrain<IPortGrain>(request.PortId).WatchBindingAsync();
        var added = await InterfaceStepAsync(command, () => GrainFactory.GetGrain<INetworkGrain>(request.NetworkId!)
            .AttachAsync(ServerPorts.Interface(_live!, request)));
        await FinishAttachAsync(command, added);
    }

    public Task<bool> HoldsPortAsync(string portId)
    {
        var server = _live;
        var intended = state.State.InterfaceIntent?.Interface?.PortId == portId;
        if (intended)
        {
            // Resume in a turn of its own: this call interleaves and must not change state.
            GrainFactory.GetGrain<IServerInterfacesGrain>(Id).ResumeInterfaceAsync().Ignore();
        }

        return Task.FromResult(server is { Deleted: false } && (intended || server.Addresses.Any(a => a.PortId == portId)));
    }

    /// <summary>
    /// The attach a crash interrupted, resumed: the port call again (idempotent: the same port, made or bound once),
    /// then the end the server never wrote. A refusal now ends the action with its message.
    /// </summary>
    public async Task ResumeInterfaceAsync()
    {
        if (state.State.InterfaceIntent is not { Interface: { } request } command || _live is null)
        {
            return;
        }

        IReadOnlyList<ServerAddress> added;
        try
        {
            added = _live.Deleted ? [] : await GrainFactory.GetGrain<INetworkGrain>(request.NetworkId!).AttachAsync(ServerPorts.Interface(_live, request));
        }
        catch (ComputeFaultException refused)
        {
            await CommitAsync(s => s, state.State.Pending, s => EndInterfaceAction(s, command, refused.Message));
            return;
        }

        await FinishAttachAsync(command, added);
    }

    /// <summary>Called when the grain activates: an attach a crash left is finished in the background.</summary>
    private void ResumeInterfaceIntent()
    {
        if (state.State.InterfaceIntent is not null)
        {
            GrainFactory.GetGrain<IServerInterfacesGrain>(Id).ResumeInterfaceAsync().Ignore();
        }
    }

    private Task FinishAttachAsync(ServerActionCommand command, IReadOnlyList<ServerAddress> added)
    {
        var portId = command.Interface!.PortId;
        return CommitAsync(
            s => s with { Addresses = [.. s.Addresses.Where(a => a.PortId != portId), .. added] },
            state.State.Pending,
            s => EndInterfaceAction(s, command, error: null));
    }

    private void EndInterfaceAction(ServerState s, ServerActionCommand command, string? error)
    {
        FinishAction(s, command.Caller.RequestId, error);
        if (s.InterfaceIntent?.Interface?.PortId == command.Interface?.PortId)
        {
            s.InterfaceIntent = null;
        }
    }

    async Task IServerActionHost.DetachInterfaceAsync(ServerTransition row, ServerActionCommand command)
    {
        var portId = command.Interface?.PortId ?? throw ComputeFaultException.BadRequest("An interface is required.");
        await BeginInterfaceActionAsync(row, command, s =>
        {
            if (!s.Addresses.Any(a => string.Equals(a.PortId, portId, StringComparison.OrdinalIgnoreCase)))
            {
                throw ComputeFaultException.NotFound($"Port {portId} is not attached");
            }
        });

        var held = _live!.Addresses.First(a => string.Equals(a.PortId, portId, StringComparison.OrdinalIgnoreCase)).PortId!;
        await InterfaceStepAsync(command, async () =>
        {
            await GrainFactory.GetGrain<IPortGrain>(held).DetachAsync(Id);
            return true;
        });
        await CommitAsync(
            s => s with { Addresses = [.. s.Addresses.Where(a => a.PortId != held)] },
            state.State.Pending,
            s => FinishAction(s, command.Caller.RequestId, error: null));
    }

    /// <summary>The row's handler starts the action; a caller that reached the grain without the API gets Nova's default policy.</summary>
    private async Task StartInterfaceActionAsync(ServerActionCommand command)
    {
        var server = Visible(command.Caller);
        var row = ServerLifecycle.For(command.Action);
        if (!command.PolicyChecked && !row.Access.Grants(command.Caller, server.ProjectId))
        {
            throw PolicyDenied(row.Policy);
        }

        await row.Handler.StartAsync(this, row, command);
    }

    /// <summary>The row's checks (lock, vm_state, idle, nothing in flight) and the action's own, with the instance action, in one write.</summary>
    private Task BeginInterfaceActionAsync(ServerTransition row, ServerActionCommand command, Action<ServerSnapshot> ownRules, ServerActionCommand? intent = null)
    {
        var now = clock.UtcNow;
        return CommitAsync(
            s =>
            {
                EnsureUnlocked(row, s, command.Caller);
                row.EnsureAllowed(s);
                EnsureNotBusy(row, s);
                ownRules(s);
                return s;
            },
            state.State.Pending,
            s =>
            {
                StartAction(s, row.InstanceAction, row.Event, command.Caller, now);
                s.InterfaceIntent = intent ?? s.InterfaceIntent;
            });
    }

    /// <summary>The network service's step: a refusal ends the instance action with its message and goes back to the caller.</summary>
    private async Task<T> InterfaceStepAsync<T>(ServerActionCommand command, Func<Task<T>> step)
    {
        try
        {
            return await step();
        }
        catch (ComputeFaultException refused)
        {
            await CommitAsync(s => s, state.State.Pending, s => EndInterfaceAction(s, command, refused.Message));
            throw;
        }
    }
}

using OrleansCompute.Catalog;
using OrleansCompute.Faults;
using OrleansCompute.Servers.Lifecycle;

namespace OrleansCompute.Servers.Actions;

/// <summary>unshelve: an offloaded server is scheduled again (the grain's <c>BeginUnshelveAsync</c>); 2.77/2.91 zone and host.</summary>
internal sealed class UnshelveAction : ServerAction
{
    public override Task StartAsync(IServerActionHost host, ServerTransition row, ServerActionCommand command) =>
        host.BeginUnshelveAsync(row, command);

    /// <summary>Nova deletes the shelved snapshot image once the server runs again.</summary>
    public override Task FinishedAsync(IServerActionHost host, ServerActionCommand command) => host.RemoveShelvedImageAsync();

    public override ServerSnapshot Prepare(IServerActionHost host, ServerActionCommand command, ServerSnapshot server, ImageDefinition? actionImage)
    {
        var wantsPlacement = command.AvailabilityZone is not null || command.UnpinAvailabilityZone || command.Host is not null;
        if (wantsPlacement && server.VmState != VmState.ShelvedOffloaded)
        {
            throw ComputeFaultException.Conflict(
                $"Specifying availability_zone or host to unshelve a server is only allowed when the server status is SHELVED_OFFLOADED. Instance {host.ServerId} state is {server.Status}.");
        }

        var hosts = host.Catalog.Hosts;
        if (command.AvailabilityZone is { } zone && !hosts.Any(h => string.Equals(h.AvailabilityZone, zone, StringComparison.Ordinal)))
        {
            throw ComputeFaultException.BadRequest("The requested availability zone is not available");
        }

        HostDefinition? requestedHost = null;
        if (command.Host is { } hostName)
        {
            requestedHost = hosts.FirstOrDefault(h => string.Equals(h.Name, hostName, StringComparison.Ordinal))
                ?? throw ComputeFaultException.BadRequest($"Compute host {hostName} could not be found.");
        }

        var pinned = command.UnpinAvailabilityZone ? null : command.AvailabilityZone ?? server.PinnedAvailabilityZone;
        var unshelved = server with { PinnedAvailabilityZone = pinned };
        if (!string.IsNullOrEmpty(server.Host))
        {
            return unshelved;
        }

        // Offloaded: the server goes to a host again (Nova schedules it anew; see BeginUnshelveAsync).
        var target = requestedHost ?? throw ComputeFaultException.BadRequest("No valid host was found. There are not enough hosts available.");
        return unshelved with { Host = target.Name, Node = target.Name, AvailabilityZone = target.AvailabilityZone };
    }
}

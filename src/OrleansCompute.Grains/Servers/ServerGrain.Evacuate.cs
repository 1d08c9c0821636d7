using OrleansCompute.Faults;
using OrleansCompute.Scheduling;
using OrleansCompute.Servers.Actions;
using OrleansCompute.Servers.Lifecycle;

namespace OrleansCompute.Servers;

/// <summary>
/// evacuate's start, in Nova's order: the target host must exist (404) and differ from the current one (400), the
/// lifecycle row's state checks (409), then the source host's compute service must be down, forced down by an
/// operator (400 "still in use" otherwise). The scheduler then claims the new host (a forced host skips the
/// filters, a named one is checked by them); the claim is given back if the transition does not start.
/// </summary>
internal sealed partial class ServerGrain
{
    public async Task BeginEvacuateAsync(ServerTransition row, ServerActionCommand command)
    {
        var server = _live!;
        if (command.Host is { } requested)
        {
            if (!catalog.Hosts.Any(h => string.Equals(h.Name, requested, StringComparison.Ordinal)))
            {
                throw ComputeFaultException.NotFound($"Compute host {requested} not found.");
            }

            if (string.Equals(requested, server.Host, StringComparison.Ordinal))
            {
                throw ComputeFaultException.BadRequest("The target host can't be the same one.");
            }
        }

        row.EnsureAllowed(server);
        EnsureNotBusy(row, server);
        if (string.IsNullOrEmpty(server.Host))
        {
            throw ComputeFaultException.Conflict($"Instance {Id} is not ready");
        }

        var source = await GrainFactory.GetGrain<IHostGrain>(server.Host!).GetUsageAsync();
        if (!source.ForcedDown && !source.ServiceDeleted)
        {
            throw ComputeFaultException.BadRequest($"Compute service of {server.Host} is still in use.");
        }

        await EnsureOutboxEmptyAsync();
        var placed = await ScheduleEvacuationAsync(server, command);
        if (!placed.Succeeded)
        {
            throw ComputeFaultException.BadRequest(placed.Failure ?? "No valid host was found.");
        }

        var target = placed.Placements[0];
        try
        {
            await BeginTransitionAsync(row, command with { Host = target.Host, AvailabilityZone = target.AvailabilityZone });
        }
        catch
        {
            await ReleaseHostClaimAsync(target.Host);
            throw;
        }
    }

    Task IServerActionHost.ReleaseHostClaimAsync(string host) => ReleaseHostClaimAsync(host);

    /// <summary>Another host for the server's flavor, away from its own: the one forced, or the one named (filtered), or the scheduler's choice.</summary>
    private Task<ScheduleResult> ScheduleEvacuationAsync(ServerSnapshot server, ServerActionCommand command)
    {
        var request = (state.State.Scheduling ?? new ScheduleRequest { ProjectId = server.ProjectId, ServerIds = [Id], Flavor = server.Flavor, Hints = server.SchedulerHints })
            with
            {
                ServerIds = [Id],
                Flavor = server.Flavor,
                IgnoreHosts = [server.Host!],
                ConsumerSuffix = "",
                ForcedHost = command.Force ? command.Host : null,
                ForcedNode = null,
                RequestedHost = command.Force ? null : command.Host,
                RequestedNode = null,
            };
        return GrainFactory.GetGrain<ISchedulerGrain>(0).ScheduleAsync(request);
    }
}

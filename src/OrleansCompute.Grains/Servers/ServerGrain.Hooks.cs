using OrleansCompute.Catalog;
using OrleansCompute.Faults;
using OrleansCompute.Quotas;
using OrleansCompute.Servers.Actions;
using OrleansCompute.Servers.Lifecycle;

namespace OrleansCompute.Servers;

/// <summary>
/// Where scheduling and quota meet the lifecycle before a transition starts: the claims restore, resize and
/// unshelve need. What a transition gives back after its end is the outbox's (<c>ServerGrain.Outbox</c>); a claim
/// here first lets a release still pending there run, so that it cannot undo the new claim later.
/// </summary>
internal sealed partial class ServerGrain
{
    /// <summary>restore needs room in the project's quota again: Nova answers 403 when there is none.</summary>
    private async Task EnsureRestorableAsync()
    {
        var server = _live!;
        await EnsureOutboxEmptyAsync();
        await GrainFactory.GetGrain<IProjectGrain>(server.ProjectId).ClaimServersAsync(new InstanceClaim
        {
            ServerIds = [Id],
            MinCount = 1,
            Vcpus = server.Flavor.Vcpus,
            RamMb = server.Flavor.RamMb,
        });
    }

    /// <summary>
    /// resize: the quota moves to the new flavor before the transition starts (403 when it does not fit, as
    /// Nova checks the delta up front), and moves back if the transition is refused after all.
    /// </summary>
    public async Task BeginResizeAsync(ServerTransition row, ServerActionCommand command)
    {
        var server = _live!;
        EnsureUnlocked(row, server, command.Caller);
        row.EnsureAllowed(server);
        EnsureNotBusy(row, server);
        var flavor = catalog.FindFlavor(command.FlavorRef ?? "");
        var moves = flavor is not null
            && !string.Equals(flavor.Id, server.Flavor.Id, StringComparison.Ordinal)
            && !(flavor.DiskGb == 0 && server.Flavor.DiskGb != 0);
        if (moves)
        {
            await EnsureOutboxEmptyAsync();
            await ResizeQuotaAsync(FlavorSnapshot.From(flavor!));
        }

        try
        {
            await BeginTransitionAsync(row, command);
        }
        catch
        {
            if (moves)
            {
                // Back to the size the server has: no limit check, it held that size a moment ago.
                await GrainFactory.GetGrain<IProjectGrain>(server.ProjectId).SettleServerAsync(Id, server.Flavor.Vcpus, server.Flavor.RamMb);
            }

            throw;
        }
    }

    /// <summary>
    /// unshelve of an offloaded server: the scheduler places it again and claims capacity (Nova schedules an
    /// unshelve anew); the claim is dropped if the transition is refused.
    /// </summary>
    public async Task BeginUnshelveAsync(ServerTransition row, ServerActionCommand command)
    {
        var server = _live!;
        if (server.VmState != VmState.ShelvedOffloaded || !string.IsNullOrEmpty(server.Host) || command.Host is not null)
        {
            await BeginTransitionAsync(row, command);
            return;
        }

        EnsureUnlocked(row, server, command.Caller);
        row.EnsureAllowed(server);
        await EnsureOutboxEmptyAsync();
        var placed = await ScheduleForFlavorAsync(server.Flavor, []);
        if (!placed.Succeeded)
        {
            throw ComputeFaultException.BadRequest(placed.Failure ?? "No valid host was found.");
        }

        var host = placed.Placements[0].Host;
        try
        {
            await BeginTransitionAsync(row, command with { Host = host });
        }
        catch
        {
            await ReleaseHostClaimAsync(host);
            throw;
        }
    }
}

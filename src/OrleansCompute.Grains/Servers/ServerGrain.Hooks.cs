using OrleansCompute.Catalog;
using OrleansCompute.Faults;
using OrleansCompute.Quotas;
using OrleansCompute.ServerGroups;
using OrleansCompute.Servers.Actions;
using OrleansCompute.Servers.Lifecycle;

namespace OrleansCompute.Servers;

/// <summary>
/// Where scheduling and quota meet the lifecycle: each hook is called once, after the change it follows is
/// persisted. Claims and releases are idempotent per server, so a hook repeated after a crash does no harm.
/// </summary>
internal sealed partial class ServerGrain
{
    /// <summary>Runs one of a lifecycle row's named hooks (see <see cref="ServerHook"/>).</summary>
    private Task RunHookAsync(ServerHook hook) => hook switch
    {
        ServerHook.ReleaseHostResources => OnHostResourcesReleasedAsync(),
        ServerHook.SettleResizeQuota => OnResizeSettledAsync(),
        ServerHook.ReleaseServerQuota => OnSoftDeletedAsync(),
        _ => throw new ArgumentOutOfRangeException(nameof(hook), hook, "No such hook."),
    };

    /// <summary>
    /// The server no longer uses its host's resources: after a delete (hard, forced, local or reclaim) and a
    /// shelve offload. Both of its host claims go (the second exists while a resize waits for confirmation).
    /// </summary>
    private async Task OnHostResourcesReleasedAsync()
    {
        var host = _live!.Host ?? state.State.Resize?.SourceHost;
        await ReleaseHostClaimAsync(host);
        await ReleaseHostClaimAsync(host, ResizeConsumerSuffix);
    }

    /// <summary>The server is gone for good (deleted or reclaimed): its quota usage and group memberships go.</summary>
    private async Task OnServerGoneAsync()
    {
        var server = _live!;
        await GrainFactory.GetGrain<IProjectGrain>(server.ProjectId).ReleaseServerAsync(Id);
        foreach (var group in server.ServerGroups)
        {
            if (Guid.TryParse(group, out var groupId))
            {
                await GrainFactory.GetGrain<IServerGroupGrain>(groupId).RemoveMemberAsync(Id);
            }
        }
    }

    /// <summary>Nova does not count soft-deleted servers toward the project's quota.</summary>
    private Task OnSoftDeletedAsync() => GrainFactory.GetGrain<IProjectGrain>(_live!.ProjectId).ReleaseServerAsync(Id);

    /// <summary>
    /// A resize or migration was settled: the quota follows the flavor the server ends with (the new one on
    /// confirm, the old one on revert).
    /// </summary>
    private Task OnResizeSettledAsync() => ResizeQuotaAsync(_live!.Flavor);

    /// <summary>restore needs room in the project's quota again: Nova answers 403 when there is none.</summary>
    private async Task EnsureRestorableAsync()
    {
        var server = _live!;
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
                await ResizeQuotaAsync(server.Flavor);
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

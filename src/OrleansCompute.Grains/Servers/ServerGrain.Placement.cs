using OrleansCompute.Quotas;
using OrleansCompute.Scheduling;
using OrleansCompute.ServerGroups;

namespace OrleansCompute.Servers;

/// <summary>
/// The server's side of scheduling, quota and capacity: where a build gets its host, and what a server gives
/// back when it goes away. The lifecycle calls <see cref="ReleaseHostClaimAsync"/>,
/// <see cref="ScheduleForFlavorAsync"/> and <see cref="ResizeQuotaAsync"/> for shelve offload and resize.
/// </summary>
internal sealed partial class ServerGrain
{
    /// <summary>The consumer suffix of the second claim a resize holds until it is confirmed or reverted.</summary>
    internal const string ResizeConsumerSuffix = ":resize";

    /// <summary>
    /// Applies a reservation's decision to a new server: a placement sets its host; a failed batch puts it in
    /// ERROR with Nova's NoValidHost fault, and its build never starts.
    /// </summary>
    private ServerSnapshot WithCreatePlacement(ServerSnapshot server, CreateServerCommand command)
    {
        state.State.Scheduling = command.Scheduling;
        if (command.ServerGroupId is { } group)
        {
            server = server with { ServerGroups = [group.ToString()] };
        }

        if (command.Placement is { } placement)
        {
            return server with { Host = placement.Host, Node = placement.Node, AvailabilityZone = placement.AvailabilityZone };
        }

        if (command.SchedulingFailure is { } failure)
        {
            return server with
            {
                VmState = VmState.Error,
                TaskState = null,
                Fault = new ServerFault { Code = 500, Message = failure, Created = clock.UtcNow, Details = "NoValidHost" },
            };
        }

        return server;
    }

    /// <summary>
    /// The build's scheduling step: a server that already has a host (placed by its reservation, or by an
    /// earlier run of this build) keeps it; otherwise the scheduler places it and the host is persisted before
    /// the build goes on, so a build resumed after a crash never claims a second host. Null: no valid host.
    /// </summary>
    private async Task<ScheduleResult> PlaceAsync()
    {
        var server = _live!;
        if (server.Host is { } host)
        {
            return new ScheduleResult { Placements = [new Placement { ServerId = Id, Host = host, Node = server.Node ?? host, AvailabilityZone = server.AvailabilityZone }] };
        }

        var request = (state.State.Scheduling ?? new ScheduleRequest
        {
            ProjectId = server.ProjectId,
            ServerIds = [Id],
            Flavor = server.Flavor,
            AvailabilityZone = string.IsNullOrEmpty(server.AvailabilityZone) ? null : server.AvailabilityZone,
            Hints = server.SchedulerHints,
        }) with { ServerIds = [Id], Flavor = server.Flavor };
        var result = await GrainFactory.GetGrain<ISchedulerGrain>(0).ScheduleAsync(request);
        if (result.Succeeded)
        {
            await PersistPlacementAsync(result.Placements[0]);
        }

        return result;
    }

    /// <summary>
    /// Records the host in the stored state without a new revision: the index row shows it with the build's
    /// next commit, as before, while a build resumed after a crash finds it and claims nothing twice.
    /// </summary>
    private async Task PersistPlacementAsync(Placement placement)
    {
        if (state.State.Server!.Deleted)
        {
            await ReturnLatePlacementAsync(placement);
            return;
        }

        await _commitGate.WaitAsync();
        try
        {
            Show(_live! with { Host = placement.Host, Node = placement.Node, AvailabilityZone = placement.AvailabilityZone });
            state.State.Server = state.State.Server! with { Host = placement.Host, Node = placement.Node, AvailabilityZone = placement.AvailabilityZone };
            await state.WriteStateAsync();
        }
        finally
        {
            _commitGate.Release();
        }
    }

    /// <summary>
    /// A delete won while the scheduler placed the build: the claim it got goes back through the outbox (the
    /// delete's own releases did not know the host).
    /// </summary>
    private async Task ReturnLatePlacementAsync(Placement placement)
    {
        await ArmOutboxAsync();
        await _commitGate.WaitAsync();
        try
        {
            state.State.Outbox.Add(Entry(ServerOutboxWork.ReleaseHostClaim, placement.Host) with { Consumer = HostClaim.ConsumerFor(Id) });
            await state.WriteStateAsync();
        }
        finally
        {
            _commitGate.Release();
        }

        await DrainOutboxAsync();
    }

    /// <summary>Drops this server's claim on a host (shelve offload, resize confirm or revert, delete).</summary>
    internal Task ReleaseHostClaimAsync(string? host, string consumerSuffix = "") =>
        host is null ? Task.CompletedTask : GrainFactory.GetGrain<IHostGrain>(host).ReleaseAsync(HostClaim.ConsumerFor(Id) + consumerSuffix);

    /// <summary>
    /// Places this server for another flavor (resize, unshelve) and claims it under the given consumer suffix;
    /// the server's own state is not changed: the caller commits the host it gets.
    /// </summary>
    internal Task<ScheduleResult> ScheduleForFlavorAsync(FlavorSnapshot flavor, IReadOnlyList<string> ignoreHosts, string consumerSuffix = "")
    {
        var server = _live!;
        var request = (state.State.Scheduling ?? new ScheduleRequest { ProjectId = server.ProjectId, ServerIds = [Id], Flavor = flavor, Hints = server.SchedulerHints })
            with { ServerIds = [Id], Flavor = flavor, IgnoreHosts = ignoreHosts, ConsumerSuffix = consumerSuffix, ForcedHost = null, ForcedNode = null, RequestedHost = null, RequestedNode = null };
        return GrainFactory.GetGrain<ISchedulerGrain>(0).ScheduleAsync(request);
    }

    /// <summary>Moves this server's quota to another flavor's size; 403 when it does not fit.</summary>
    internal Task ResizeQuotaAsync(FlavorSnapshot flavor) =>
        GrainFactory.GetGrain<IProjectGrain>(_live!.ProjectId).ResizeServerAsync(Id, flavor.Vcpus, flavor.RamMb);
}

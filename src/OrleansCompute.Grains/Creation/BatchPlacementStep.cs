using OrleansCompute.Reservations;
using OrleansCompute.Scheduling;

namespace OrleansCompute.Creation;

/// <summary>
/// Step 4 of a reservation: the granted members are placed together, all or nothing (Nova's NoValidHost for the
/// whole batch). The start is recorded first, so a placement cut short by a crash drops its claims before it
/// runs again. A single server is placed by its own build instead, which persists its host the same way.
/// </summary>
internal static class BatchPlacementStep
{
    /// <summary>Places the batch and records the hosts, or the failure every member will show; false when not placed.</summary>
    public static async Task<bool> PlaceAsync(IGrainFactory grains, ICreateJournal journal)
    {
        var progress = journal.Progress;
        var ids = progress.GrantedMembers().Select(m => m.ServerId).ToArray();
        var scheduler = grains.GetGrain<ISchedulerGrain>(0);
        if (progress.SchedulingStarted)
        {
            // A crash during the last attempt may have left claims whose placement was never recorded.
            await scheduler.ReleaseEverywhereAsync(ids.Select(HostClaim.ConsumerFor).ToArray());
        }
        else
        {
            progress.SchedulingStarted = true;
            await journal.SaveAsync();
        }

        var result = await scheduler.ScheduleAsync(progress.Request!.Template.Scheduling! with { ServerIds = ids });
        if (result.Succeeded)
        {
            var hosts = result.Placements.ToDictionary(p => p.ServerId);
            progress.Members = progress.Members.Select(m => hosts.TryGetValue(m.ServerId, out var p) ? m with { Host = p.Host } : m).ToList();
        }
        else
        {
            progress.SchedulingFailure = result.Failure;
            progress.Members = progress.Members.Select((m, i) => i < progress.Granted ? m with { Failure = result.Failure } : m).ToList();
        }

        progress.PlacementRecords = result.Placements.ToList();
        return result.Succeeded;
    }
}

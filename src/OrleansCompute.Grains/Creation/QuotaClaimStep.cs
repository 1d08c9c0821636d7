using OrleansCompute.Quotas;
using OrleansCompute.Reservations;

namespace OrleansCompute.Creation;

/// <summary>
/// Step 2: one claim for as many planned members as fit between min and max (Nova's 403 when min does not).
/// The project grain takes claims one at a time, so racing creates never get more than the quota.
/// </summary>
internal static class QuotaClaimStep
{
    /// <summary>Claims and records the grant; the members get Nova's names ("-n" from 1 when more than one).</summary>
    public static async Task ClaimAsync(IGrainFactory grains, ReservationState progress)
    {
        var request = progress.Request!;
        var template = request.Template;
        var granted = await grains.GetGrain<IProjectGrain>(template.Caller.ProjectId)
            .ClaimServersAsync(CreateClaim.For(request, progress.Members.Select(m => m.ServerId).ToArray()));
        progress.Members = progress.Members
            .Select((m, i) => m with { Name = granted > 1 ? $"{template.Name}-{i + 1}" : template.Name })
            .ToList();
        progress.Granted = granted;
    }

    public static async Task ReleaseAsync(IGrainFactory grains, string projectId, IEnumerable<Guid> serverIds)
    {
        var project = grains.GetGrain<IProjectGrain>(projectId);
        foreach (var serverId in serverIds)
        {
            await project.ReleaseServerAsync(serverId);
        }
    }
}

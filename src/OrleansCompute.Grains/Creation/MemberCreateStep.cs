using OrleansCompute.Reservations;
using OrleansCompute.Servers;

namespace OrleansCompute.Creation;

/// <summary>
/// Step 5: each granted member not yet created is created on its server grain, with bounded parallelism. A
/// server create is idempotent per reservation id and launch index, so a resumed reservation repeats it safely.
/// </summary>
internal static class MemberCreateStep
{
    public static async Task CreateAsync(IGrainFactory grains, ReservationState progress, string reservationId, int parallelism)
    {
        var template = progress.Request!.Template;
        var placements = progress.PlacementRecords.ToDictionary(p => p.ServerId);
        var pending = progress.GrantedMembers().Where(m => !m.Created).ToList();
        using var gate = new SemaphoreSlim(Math.Max(1, parallelism));
        var created = await Task.WhenAll(pending.Select(async member =>
        {
            await gate.WaitAsync();
            try
            {
                var command = MemberCommand.For(template, member, reservationId, progress.Granted, placements.GetValueOrDefault(member.ServerId), progress.SchedulingFailure);
                await grains.GetGrain<IServerGrain>(member.ServerId).CreateAsync(command);
                return member.ServerId;
            }
            finally
            {
                gate.Release();
            }
        }));

        var done = created.ToHashSet();
        progress.Members = progress.Members.Select(m => done.Contains(m.ServerId) ? m with { Created = true } : m).ToList();
    }
}

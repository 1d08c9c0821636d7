using Microsoft.Extensions.Logging;
using OrleansCompute.Indexing;

namespace OrleansCompute.Servers;

/// <summary>
/// After a restart nothing calls a server whose build or action was in flight, so nothing would finish it.
/// At start-up this finds such servers in the index and wakes their grains, which resume the operation
/// they persisted. Idempotent: waking a settled grain does nothing.
/// </summary>
public sealed partial class InFlightServerSweeper(IServerIndex index, IGrainFactory grains, ILogger<InFlightServerSweeper> logger)
{
    private const int PageSize = 500;

    /// <summary>Every task_state a persisted operation starts with (builds are found by vm_state).</summary>
    private static readonly string[] TransitionalTaskStates =
        [.. Lifecycle.ServerLifecycle.Table.Values.Select(t => t.FirstTaskState).OfType<string>().Distinct(StringComparer.Ordinal)];

    public async Task<int> ResumeAllAsync(CancellationToken cancellationToken)
    {
        var woken = 0;
        woken += await WakeAsync(new ServerQuery { VmStates = [VmState.Building] }, cancellationToken);
        woken += await WakeAsync(new ServerQuery { TaskStates = TransitionalTaskStates }, cancellationToken);
        if (woken > 0)
        {
            LogResumed(logger, woken);
        }

        return woken;
    }

    private async Task<int> WakeAsync(ServerQuery query, CancellationToken cancellationToken)
    {
        var woken = 0;
        Guid? marker = null;
        while (true)
        {
            var page = await index.QueryAsync(query with { Limit = PageSize, Marker = marker }, cancellationToken);
            await Parallel.ForEachAsync(
                page,
                new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
                async (server, _) => await grains.GetGrain<IServerGrain>(server.Id).ResumeAsync());
            woken += page.Count;
            if (page.Count < PageSize)
            {
                return woken;
            }

            marker = page[^1].Id;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Woke {Count} servers whose operations were in flight at the last stop")]
    private static partial void LogResumed(ILogger logger, int count);
}

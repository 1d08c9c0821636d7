using OrleansCompute.Migrations;

namespace OrleansCompute.Servers;

/// <summary>
/// A migration record's status the index did not take (<see cref="MigrationJournal"/>) waits in the outbox: written
/// on its own (a transition's end may not be committing now), under the commit gate, with the reminder armed first,
/// then retried by the outbox's timer and reminder like every other entry.
/// </summary>
internal sealed partial class ServerGrain : IMigrationOutbox
{
    bool IMigrationOutbox.HoldsMigrationUpdates => state.State.Outbox.Exists(e => e.Work == ServerOutboxWork.AdvanceMigration);

    async Task IMigrationOutbox.DeferMigrationUpdateAsync(string status, string? destination, IReadOnlyList<string> types, DateTimeOffset at)
    {
        var entry = Entry(ServerOutboxWork.AdvanceMigration, Id.ToString()) with
        {
            MigrationStatus = status,
            MigrationDestination = destination,
            MigrationTypes = [.. types],
            DueSince = at,
        };
        await ArmOutboxAsync();
        await _commitGate.WaitAsync(CancellationToken.None);
        try
        {
            state.State.Outbox.Add(entry);
            await state.WriteStateAsync(CancellationToken.None);
        }
        catch
        {
            await TryReloadAsync();
            throw;
        }
        finally
        {
            _commitGate.Release();
        }

        // The index just failed: the first retry waits for the timer's backoff rather than running now.
        RetryOutboxLater();
    }
}

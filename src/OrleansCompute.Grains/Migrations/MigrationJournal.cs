using Microsoft.Extensions.Logging;
using OrleansCompute.Servers;

namespace OrleansCompute.Migrations;

/// <summary>
/// How a server's moves are written to the migration index (<see cref="IMigrationIndexGrain"/>): the record is
/// made before the move starts (so the end, which may come at once, always finds it), forgotten when the start is
/// refused, and its destination filled once chosen. Used by the resize, migrate, live-migrate and evacuate handlers.
/// A status the index does not take goes to the server's outbox (<paramref name="outbox"/>), which retries it until
/// it lands; while one waits there, later ones queue behind it, so the record's statuses keep their order.
/// </summary>
internal sealed partial class MigrationJournal(IGrainFactory grains, ComputeClock clock, ILogger logger, IMigrationOutbox outbox)
{
    private IMigrationIndexGrain Index => grains.GetGrain<IMigrationIndexGrain>(IMigrationIndexGrain.Key);

    /// <summary>
    /// Records a migration of <paramref name="server"/>, runs <paramref name="start"/> (the action's checked start),
    /// and sets the destination it chose; a refused start leaves no record.
    /// </summary>
    public async Task RecordAroundAsync(ServerSnapshot server, string type, string status, string? newFlavorId, Func<Task> start, Func<string?> destination)
    {
        var uuid = Guid.NewGuid();
        await Index.RecordAsync(new MigrationStart
        {
            Uuid = uuid,
            ServerId = server.Id,
            Type = type,
            Status = status,
            SourceCompute = server.Host,
            OldFlavorId = server.Flavor.Id,
            NewFlavorId = newFlavorId ?? server.Flavor.Id,
            UserId = server.UserId,
            ProjectId = server.ProjectId,
            At = clock.UtcNow,
        });
        try
        {
            await start();
        }
        catch
        {
            await Index.ForgetAsync(uuid);
            throw;
        }

        if (destination() is { } chosen)
        {
            await Index.SetDestinationAsync(uuid, chosen, clock.UtcNow);
        }
    }

    /// <summary>
    /// The server's current migration of one of <paramref name="types"/> moves to <paramref name="status"/>. The
    /// server grain is the truth and its transition goes on whatever the index answers: an unreachable index gets
    /// the status later, from the server's outbox.
    /// </summary>
    public async Task AdvanceAsync(Guid serverId, string status, string? destination, params string[] types)
    {
        var at = clock.UtcNow;
        if (!outbox.HoldsMigrationUpdates)
        {
            try
            {
                await Index.AdvanceAsync(serverId, types, status, destination, at);
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogAdvanceDeferred(logger, exception, serverId, status);
            }
        }

        try
        {
            await outbox.DeferMigrationUpdateAsync(status, destination, types, at);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogAdvanceFailed(logger, exception, serverId, status);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The migration record of server {ServerId} could not be moved to {Status} now; the server's outbox retries it")]
    private static partial void LogAdvanceDeferred(ILogger logger, Exception exception, Guid serverId, string status);

    [LoggerMessage(Level = LogLevel.Error, Message = "The migration record of server {ServerId} could not be moved to {Status}, nor kept in the server's outbox")]
    private static partial void LogAdvanceFailed(ILogger logger, Exception exception, Guid serverId, string status);
}

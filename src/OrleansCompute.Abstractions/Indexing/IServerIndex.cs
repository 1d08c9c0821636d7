using OrleansCompute.Servers;

namespace OrleansCompute.Indexing;

/// <summary>
/// The query side of servers: one row per server, written by its grain after every committed change and
/// read by the list endpoints. A row is only ever replaced by a snapshot with a higher revision.
/// </summary>
public interface IServerIndex
{
    /// <summary>Writes the snapshot unless the stored row already has the same or a higher revision.</summary>
    Task UpsertAsync(ServerSnapshot server, CancellationToken cancellationToken = default);

    /// <summary>One page of servers; throws a 400 fault when the marker is unknown.</summary>
    Task<IReadOnlyList<ServerSnapshot>> QueryAsync(ServerQuery query, CancellationToken cancellationToken = default);

    /// <summary>The stored snapshot of one server (deleted ones included), or null.</summary>
    Task<ServerSnapshot?> FindAsync(Guid id, CancellationToken cancellationToken = default);
}

using Orleans.Concurrency;

namespace OrleansCompute.Migrations;

/// <summary>
/// The cluster's migration records, one durable index keyed by <see cref="Key"/>: written by the server grains
/// as a resize, cold migration or live migration moves (and by evacuate, which records through the same calls),
/// read by <c>/os-migrations</c> and <c>/servers/{id}/migrations</c> without asking any server. Every write is
/// idempotent: a start is keyed by its uuid, a status change of a record that is already there is harmless.
/// </summary>
[Alias("compute.IMigrationIndexGrain")]
public interface IMigrationIndexGrain : IGrainWithStringKey
{
    public const string Key = "migrations";

    /// <summary>Records a migration (or returns the record of that uuid when it exists already).</summary>
    [Alias("Record")]
    Task<MigrationRecord> RecordAsync(MigrationStart start);

    /// <summary>
    /// Moves the newest record of the server of one of <paramref name="types"/> that is not final to
    /// <paramref name="status"/>, filling the destination when given; null when the server has no such record.
    /// </summary>
    [Alias("Advance")]
    Task<MigrationRecord?> AdvanceAsync(Guid serverId, IReadOnlyList<string> types, string status, string? destCompute, DateTimeOffset at);

    /// <summary>Sets the destination of a record that has none yet (chosen after the record was made).</summary>
    [Alias("SetDestination")]
    Task SetDestinationAsync(Guid uuid, string destCompute, DateTimeOffset at);

    /// <summary>Forgets a record whose migration never started (its start was refused).</summary>
    [Alias("Forget")]
    Task ForgetAsync(Guid uuid);

    /// <summary>All records (of one server when given), oldest first.</summary>
    [Alias("List")]
    [ReadOnly]
    Task<IReadOnlyList<MigrationRecord>> ListAsync(Guid? serverId);
}

using Orleans.Concurrency;

namespace OrleansCompute.Aggregates;

/// <summary>
/// The single writer of the cluster's host aggregates, keyed by <see cref="Key"/>. It keeps each member host's
/// availability zone on the host's grain (<c>IHostGrain.SetZoneAsync</c>), so the scheduler and the service
/// views read the zone the aggregates give, as in Nova. Faults are Nova's (404, 409 duplicate name or member, 400).
/// </summary>
[Alias("compute.IAggregateStoreGrain")]
public interface IAggregateStoreGrain : IGrainWithStringKey
{
    public const string Key = "aggregates";

    [Alias("List")]
    [ReadOnly]
    Task<IReadOnlyList<HostAggregate>> ListAsync();

    [Alias("Create")]
    Task<HostAggregate> CreateAsync(string name, string? zone, DateTimeOffset at);

    /// <summary>Renames and/or re-zones; a null member stays as it is.</summary>
    [Alias("Update")]
    Task<HostAggregate> UpdateAsync(int id, string? name, string? zone, DateTimeOffset at);

    [Alias("Delete")]
    Task DeleteAsync(int id);

    [Alias("AddHost")]
    Task<HostAggregate> AddHostAsync(int id, string host, DateTimeOffset at);

    [Alias("RemoveHost")]
    Task<HostAggregate> RemoveHostAsync(int id, string host, DateTimeOffset at);

    /// <summary>Merges the metadata; a null value removes the key.</summary>
    [Alias("SetMetadata")]
    Task<HostAggregate> SetMetadataAsync(int id, IReadOnlyDictionary<string, string?> metadata, DateTimeOffset at);
}

using Orleans.Concurrency;

namespace OrleansCompute.Flavors;

/// <summary>
/// The single writer of the cloud's flavors, their extra specs and their access lists (Nova's API database
/// tables), keyed by <see cref="Key"/>. Every change answers with the whole new <see cref="FlavorSet"/>, so the
/// caller's cache is current at once; other processes poll <see cref="GetVersionAsync"/>. Faults are Nova's
/// (404 unknown flavor, 409 duplicate id or name, existing or public grant).
/// </summary>
[Alias("compute.IFlavorStoreGrain")]
public interface IFlavorStoreGrain : IGrainWithStringKey
{
    /// <summary>The one store of a cluster.</summary>
    public const string Key = "flavors";

    /// <summary>On the store's first start only, fills it with the configured flavors; later calls change nothing.</summary>
    [Alias("Seed")]
    Task<FlavorSet> SeedAsync(IReadOnlyList<FlavorRecord> configured);

    [Alias("Get")]
    [ReadOnly]
    Task<FlavorSet> GetAsync();

    /// <summary>The store's version: a cheap poll that tells a cache whether to read the set again.</summary>
    [Alias("GetVersion")]
    [ReadOnly]
    Task<long> GetVersionAsync();

    [Alias("Create")]
    Task<FlavorSet> CreateAsync(FlavorRecord flavor);

    [Alias("Delete")]
    Task<FlavorSet> DeleteAsync(string flavorId);

    [Alias("UpdateDescription")]
    Task<FlavorSet> UpdateDescriptionAsync(string flavorId, string? description);

    /// <summary>Merges the specs into the flavor's (Nova's POST os-extra_specs and PUT of one key).</summary>
    [Alias("SetExtraSpecs")]
    Task<FlavorSet> SetExtraSpecsAsync(string flavorId, IReadOnlyDictionary<string, string> specs);

    [Alias("DeleteExtraSpec")]
    Task<FlavorSet> DeleteExtraSpecAsync(string flavorId, string key);

    /// <summary>Grants a project access; <paramref name="refusePublic"/>: a grant on a public flavor is a 409 (from 2.7; before, it is stored).</summary>
    [Alias("AddAccess")]
    Task<FlavorSet> AddAccessAsync(string flavorId, string projectId, bool refusePublic);

    [Alias("RemoveAccess")]
    Task<FlavorSet> RemoveAccessAsync(string flavorId, string projectId);
}

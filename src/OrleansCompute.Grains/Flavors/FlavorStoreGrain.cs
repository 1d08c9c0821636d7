using OrleansCompute.Faults;

namespace OrleansCompute.Flavors;

/// <summary>
/// All flavors of the cluster in one grain: a cloud has tens of flavors, an operator changes them rarely, and no
/// server request calls this grain (creates and resizes read the per-process cache that
/// <c>OperatorCatalogSync</c> of the API keeps), so one durable writer costs nothing and makes name and id uniqueness
/// a plain check. Deletes are hard, as Nova's: servers keep their embedded copy.
/// </summary>
[GrainType("compute-flavor-store")]
internal sealed class FlavorStoreGrain(
    [PersistentState("flavors", ComputeStorage.ProviderName)] IPersistentState<FlavorStoreState> state) : Grain, IFlavorStoreGrain
{
    private FlavorSet? _set;

    public async Task<FlavorSet> SeedAsync(IReadOnlyList<FlavorRecord> configured)
    {
        if (!state.State.Seeded)
        {
            state.State.Flavors = [.. configured];
            state.State.Seeded = true;
            await CommitAsync();
        }

        return Set();
    }

    public Task<FlavorSet> GetAsync() => Task.FromResult(Set());

    public Task<long> GetVersionAsync() => Task.FromResult(state.State.Version);

    public async Task<FlavorSet> CreateAsync(FlavorRecord flavor)
    {
        if (state.State.Flavors.Any(f => string.Equals(f.Id, flavor.Id, StringComparison.Ordinal)))
        {
            throw ComputeFaultException.Conflict($"Flavor with ID {flavor.Id} already exists.");
        }

        if (state.State.Flavors.Any(f => string.Equals(f.Name, flavor.Name, StringComparison.Ordinal)))
        {
            throw ComputeFaultException.Conflict($"Flavor with name {flavor.Name} already exists.");
        }

        state.State.Flavors.Add(flavor);
        return await CommitAsync();
    }

    public async Task<FlavorSet> DeleteAsync(string flavorId)
    {
        state.State.Flavors.Remove(Find(flavorId));
        return await CommitAsync();
    }

    public Task<FlavorSet> UpdateDescriptionAsync(string flavorId, string? description) =>
        ReplaceAsync(flavorId, flavor => flavor with { Description = description });

    public Task<FlavorSet> SetExtraSpecsAsync(string flavorId, IReadOnlyDictionary<string, string> specs) =>
        ReplaceAsync(flavorId, flavor =>
        {
            var merged = new Dictionary<string, string>(flavor.ExtraSpecs, StringComparer.Ordinal);
            foreach (var (key, value) in specs)
            {
                merged[key] = value;
            }

            return flavor with { ExtraSpecs = merged };
        });

    public Task<FlavorSet> DeleteExtraSpecAsync(string flavorId, string key) =>
        ReplaceAsync(flavorId, flavor =>
        {
            if (!flavor.ExtraSpecs.ContainsKey(key))
            {
                throw ComputeFaultException.NotFound($"Flavor {flavorId} has no extra specs with key {key}.");
            }

            return flavor with { ExtraSpecs = flavor.ExtraSpecs.Where(s => s.Key != key).ToDictionary(StringComparer.Ordinal) };
        });

    public Task<FlavorSet> AddAccessAsync(string flavorId, string projectId, bool refusePublic) =>
        ReplaceAsync(flavorId, flavor =>
        {
            if (flavor.IsPublic && refusePublic)
            {
                throw ComputeFaultException.Conflict("Can not add access to a public flavor.");
            }

            if (flavor.Projects.Contains(projectId, StringComparer.Ordinal))
            {
                throw ComputeFaultException.Conflict($"Flavor access already exists for flavor {flavorId} and project {projectId} combination.");
            }

            return flavor with { Projects = [.. flavor.Projects, projectId] };
        });

    public Task<FlavorSet> RemoveAccessAsync(string flavorId, string projectId) =>
        ReplaceAsync(flavorId, flavor =>
        {
            if (!flavor.Projects.Contains(projectId, StringComparer.Ordinal))
            {
                throw ComputeFaultException.NotFound($"Flavor access not found for {flavorId} / {projectId} combination.");
            }

            return flavor with { Projects = [.. flavor.Projects.Where(p => p != projectId)] };
        });

    private async Task<FlavorSet> ReplaceAsync(string flavorId, Func<FlavorRecord, FlavorRecord> change)
    {
        var flavor = Find(flavorId);
        var index = state.State.Flavors.IndexOf(flavor);
        state.State.Flavors[index] = change(flavor);
        return await CommitAsync();
    }

    private FlavorRecord Find(string flavorId) =>
        state.State.Flavors.FirstOrDefault(f => string.Equals(f.Id, flavorId, StringComparison.Ordinal))
        ?? throw ComputeFaultException.NotFound($"Flavor {flavorId} could not be found.");

    private async Task<FlavorSet> CommitAsync()
    {
        state.State.Version++;
        _set = null;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // The write failed: what the grain holds may not be what storage holds, so read storage again.
            await state.ReadStateAsync();
            throw;
        }

        return Set();
    }

    private FlavorSet Set() => _set ??= new FlavorSet { Version = state.State.Version, Flavors = [.. state.State.Flavors] };
}

using OrleansCompute.Catalog;

namespace OrleansCompute.Scheduling;

/// <summary>
/// All compute hosts in one grain: a cloud has tens to hundreds, operators add and remove them rarely, and no
/// server request calls it (the scheduler reads the per-process catalog that the API's <c>OperatorCatalogSync</c>
/// keeps; a host grain asks here only when it activates for a host its silo has not heard of yet). It never calls
/// a host grain, so a host grain's activation can call it without a cycle.
/// </summary>
[GrainType("compute-host-registry")]
internal sealed class HostRegistryGrain(
    [PersistentState("hosts", ComputeStorage.ProviderName)] IPersistentState<HostRegistryState> state) : Grain, IHostRegistryGrain
{
    private HostSet? _set;

    public async Task<HostRegistration> RegisterAsync(IReadOnlyList<HostDefinition> hosts)
    {
        var added = new List<string>();
        var changed = false;
        foreach (var host in hosts)
        {
            var index = state.State.Hosts.FindIndex(h => string.Equals(h.Name, host.Name, StringComparison.Ordinal));
            if (index < 0)
            {
                state.State.Hosts.Add(host);
                added.Add(host.Name);
                changed = true;
            }
            else if (!state.State.Hosts[index].SameAs(host))
            {
                state.State.Hosts[index] = host;
                changed = true;
            }
        }

        if (changed)
        {
            await CommitAsync();
        }

        return new HostRegistration { Set = Set(), Added = added };
    }

    public async Task<HostSet> DeregisterAsync(string host)
    {
        if (state.State.Hosts.RemoveAll(h => string.Equals(h.Name, host, StringComparison.Ordinal)) > 0)
        {
            await CommitAsync();
        }

        return Set();
    }

    public Task<HostSet> GetAsync() => Task.FromResult(Set());

    public Task<long> GetVersionAsync() => Task.FromResult(state.State.Version);

    private async Task CommitAsync()
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
            _set = null;
            await state.ReadStateAsync();
            throw;
        }
    }

    private HostSet Set() => _set ??= new HostSet { Version = state.State.Version, Hosts = [.. state.State.Hosts] };
}

using OrleansCompute.Catalog;
using OrleansCompute.Faults;
using OrleansCompute.Scheduling;

namespace OrleansCompute.Aggregates;

/// <summary>
/// All host aggregates in one grain: a cloud has few, operators change them rarely, and no server request calls
/// this grain (the zone a host is in lives on the host's grain, which the scheduler reads anyway). After each
/// change that can move a host's zone, the member hosts are told their zone again.
/// </summary>
[GrainType("compute-aggregate-store")]
internal sealed class AggregateStoreGrain(
    [PersistentState("aggregates", ComputeStorage.ProviderName)] IPersistentState<AggregateStoreState> state,
    ComputeCatalog catalog) : Grain, IAggregateStoreGrain
{
    public Task<IReadOnlyList<HostAggregate>> ListAsync() => Task.FromResult<IReadOnlyList<HostAggregate>>([.. state.State.Aggregates]);

    public async Task<HostAggregate> CreateAsync(string name, string? zone, DateTimeOffset at)
    {
        EnsureUniqueName(name, exceptId: null);
        var aggregate = new HostAggregate
        {
            Id = state.State.NextId,
            Uuid = Guid.NewGuid(),
            Name = name,
            Metadata = zone is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [HostAggregate.ZoneKey] = zone },
            CreatedAt = at,
        };
        state.State.NextId++;
        state.State.Aggregates.Add(aggregate);
        await state.WriteStateAsync();
        return aggregate;
    }

    public async Task<HostAggregate> UpdateAsync(int id, string? name, string? zone, DateTimeOffset at)
    {
        var aggregate = Find(id);
        if (name is not null)
        {
            EnsureUniqueName(name, exceptId: id);
        }

        var metadata = new Dictionary<string, string>(aggregate.Metadata);
        if (zone is not null)
        {
            EnsureZoneFits(aggregate.Hosts, zone, id, conflictStatus: 400);
            metadata[HostAggregate.ZoneKey] = zone;
        }

        return await ReplaceAsync(aggregate with { Name = name ?? aggregate.Name, Metadata = metadata, UpdatedAt = at });
    }

    public async Task DeleteAsync(int id)
    {
        var aggregate = Find(id);
        if (aggregate.Hosts.Count > 0)
        {
            throw ComputeFaultException.BadRequest($"Cannot remove host from aggregate {id}. Reason: Host aggregate is not empty.");
        }

        state.State.Aggregates.Remove(aggregate);
        await state.WriteStateAsync();
    }

    public async Task<HostAggregate> AddHostAsync(int id, string host, DateTimeOffset at)
    {
        var aggregate = Find(id);
        if (catalog.FindHost(host) is null)
        {
            throw ComputeFaultException.NotFound($"Compute host {host} could not be found.");
        }

        if (aggregate.Hosts.Contains(host, StringComparer.Ordinal))
        {
            throw ComputeFaultException.Conflict($"Aggregate {id} already has host {host}.");
        }

        if (aggregate.AvailabilityZone is { } zone)
        {
            EnsureZoneFits([host], zone, id, conflictStatus: 409);
        }

        return await ReplaceAsync(aggregate with { Hosts = [.. aggregate.Hosts, host], UpdatedAt = at }, host);
    }

    public async Task<HostAggregate> RemoveHostAsync(int id, string host, DateTimeOffset at)
    {
        var aggregate = Find(id);
        if (!aggregate.Hosts.Contains(host, StringComparer.Ordinal))
        {
            throw ComputeFaultException.NotFound($"Cannot remove host {host} in aggregate {id}");
        }

        return await ReplaceAsync(aggregate with { Hosts = [.. aggregate.Hosts.Where(h => h != host)], UpdatedAt = at }, host);
    }

    public async Task<HostAggregate> SetMetadataAsync(int id, IReadOnlyDictionary<string, string?> metadata, DateTimeOffset at)
    {
        var aggregate = Find(id);
        var merged = new Dictionary<string, string>(aggregate.Metadata);
        foreach (var (key, value) in metadata)
        {
            if (value is null)
            {
                merged.Remove(key);
            }
            else
            {
                if (key == HostAggregate.ZoneKey)
                {
                    EnsureZoneFits(aggregate.Hosts, value, id, conflictStatus: 400);
                }

                merged[key] = value;
            }
        }

        return await ReplaceAsync(aggregate with { Metadata = merged, UpdatedAt = at });
    }

    private async Task<HostAggregate> ReplaceAsync(HostAggregate changed, string? removedOrAddedHost = null)
    {
        var index = state.State.Aggregates.FindIndex(a => a.Id == changed.Id);
        state.State.Aggregates[index] = changed;
        await state.WriteStateAsync();
        var hosts = changed.Hosts.Append(removedOrAddedHost).OfType<string>().Distinct(StringComparer.Ordinal);
        await Task.WhenAll(hosts.Select(h => GrainFactory.GetGrain<IHostGrain>(h).SetZoneAsync(ZoneOf(h))));
        return changed;
    }

    /// <summary>The zone the aggregates give a host; null: the host's configured zone.</summary>
    private string? ZoneOf(string host) =>
        state.State.Aggregates.Where(a => a.Hosts.Contains(host, StringComparer.Ordinal)).Select(a => a.AvailabilityZone).OfType<string>().FirstOrDefault();

    /// <summary>A host may not end up in two aggregates of different zones.</summary>
    private void EnsureZoneFits(IEnumerable<string> hosts, string zone, int id, int conflictStatus)
    {
        foreach (var host in hosts)
        {
            var other = state.State.Aggregates.FirstOrDefault(a => a.Id != id && a.Hosts.Contains(host, StringComparer.Ordinal)
                && a.AvailabilityZone is { } existing && existing != zone);
            if (other is not null)
            {
                throw new ComputeFaultException(conflictStatus,
                    $"Aggregate {id} cannot be placed in zone {zone}: host {host} is already in the availability zone {other.AvailabilityZone} of aggregate {other.Id}.");
            }
        }
    }

    private void EnsureUniqueName(string name, int? exceptId)
    {
        if (state.State.Aggregates.Any(a => a.Id != exceptId && string.Equals(a.Name, name, StringComparison.Ordinal)))
        {
            throw ComputeFaultException.Conflict($"Aggregate {name} already exists.");
        }
    }

    private HostAggregate Find(int id) =>
        state.State.Aggregates.FirstOrDefault(a => a.Id == id) ?? throw ComputeFaultException.NotFound($"Aggregate {id} could not be found.");
}

using System.Globalization;
using OrleansCompute.Faults;

namespace OrleansCompute.Keypairs;

/// <summary>One user's key pairs; the key_pairs quota counts per user, as in Nova.</summary>
[GrainType("compute-keypairs")]
internal sealed class KeyPairGrain(
    [PersistentState("keypairs", ComputeStorage.ProviderName)] IPersistentState<KeyPairState> state) : Grain, IKeyPairGrain
{
    public async Task<KeyPair> AddAsync(KeyPair keyPair, int limit)
    {
        if (state.State.KeyPairs.ContainsKey(keyPair.Name))
        {
            throw ComputeFaultException.Conflict($"Key pair '{keyPair.Name}' already exists.");
        }

        if (limit >= 0 && state.State.KeyPairs.Count + 1 > limit)
        {
            throw ComputeFaultException.Forbidden(string.Create(CultureInfo.InvariantCulture, $"Quota exceeded, too many key pairs."));
        }

        var stored = keyPair with { Id = state.State.NextId };
        state.State.KeyPairs[keyPair.Name] = stored;
        state.State.NextId++;
        await state.WriteStateAsync();
        return stored;
    }

    public Task<KeyPair?> FindAsync(string name) => Task.FromResult(state.State.KeyPairs.GetValueOrDefault(name));

    public Task<IReadOnlyList<KeyPair>> ListAsync() =>
        Task.FromResult<IReadOnlyList<KeyPair>>(state.State.KeyPairs.Values.OrderBy(k => k.Name, StringComparer.Ordinal).ToArray());

    public async Task<bool> RemoveAsync(string name)
    {
        if (!state.State.KeyPairs.Remove(name))
        {
            return false;
        }

        await state.WriteStateAsync();
        return true;
    }
}

namespace OrleansCompute.Quotas;

/// <summary>One quota class's limits, durable; written only by the operator's <c>PUT /os-quota-class-sets/{class}</c>.</summary>
[GrainType("compute-quota-class")]
internal sealed class QuotaClassGrain(
    [PersistentState("quota-class", ComputeStorage.ProviderName)] IPersistentState<QuotaClassState> state) : Grain, IQuotaClassGrain
{
    public Task<IReadOnlyDictionary<string, int>> GetAsync() => Task.FromResult(Snapshot());

    public async Task<IReadOnlyDictionary<string, int>> UpdateAsync(IReadOnlyDictionary<string, int> limits)
    {
        foreach (var (name, value) in limits)
        {
            state.State.Limits[name] = value;
        }

        await state.WriteStateAsync();
        return Snapshot();
    }

    private IReadOnlyDictionary<string, int> Snapshot() => new Dictionary<string, int>(state.State.Limits, StringComparer.Ordinal);
}

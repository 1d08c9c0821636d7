using Orleans.Storage;

namespace OrleansCompute.Tests.Quotas;

/// <summary>
/// The silo's grain storage, with writes of one grain that fail on demand (a database that refuses them), for the
/// tests of what a grain keeps in memory when its write fails. Everything else passes through.
/// </summary>
public sealed class FaultableGrainStorage(IGrainStorage inner) : IGrainStorage
{
    private GrainId? _failing;
    private Func<Exception> _fault = () => new InvalidOperationException("The test's storage refuses the write");

    /// <summary>Every write of the grain fails (with <paramref name="fault"/>, or a plain refusal) until <see cref="Heal"/>.</summary>
    public void FailWritesOf(GrainId grainId, Func<Exception>? fault = null)
    {
        _fault = fault ?? (() => new InvalidOperationException("The test's storage refuses writes of " + grainId));
        _failing = grainId;
    }

    public void Heal() => _failing = null;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        _failing == grainId
            ? Task.FromException(_fault())
            : inner.WriteStateAsync(stateName, grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);
}

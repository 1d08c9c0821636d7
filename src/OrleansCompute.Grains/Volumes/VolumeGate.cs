namespace OrleansCompute.Volumes;

/// <summary>
/// One change at a time on a grain whose backend work runs in the background and interleaves with request turns
/// at awaits: the check that guards a change and its commit run inside the gate.
/// </summary>
internal sealed class VolumeGate : IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(1, 1);

    public async Task<T> RunAsync<T>(Func<Task<T>> change)
    {
        await _semaphore.WaitAsync();
        try
        {
            return await change();
        }
        finally
        {
            _semaphore.Release();
        }
    }

    public void Dispose() => _semaphore.Dispose();

    public Task RunAsync(Func<Task> change) => RunAsync(async () =>
    {
        await change();
        return true;
    });
}

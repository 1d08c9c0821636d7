using System.Collections.Concurrent;
using OrleansCompute.Scheduling;

namespace OrleansCompute.Tests.Hardening;

/// <summary>
/// A silo-side fault: <see cref="IHostGrain.ReleaseAsync"/> for a chosen consumer throws (as a call to a dead
/// silo does) a given number of times, and every attempt and success is counted.
/// </summary>
public sealed class OutboxHostReleaseFaults : IIncomingGrainCallFilter
{
    private readonly ConcurrentDictionary<string, int> _failuresLeft = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _successes = new(StringComparer.Ordinal);

    /// <summary>The next <paramref name="times"/> releases of the consumer fail (<see cref="int.MaxValue"/>: until <see cref="Heal"/>).</summary>
    public void Fail(string consumer, int times) => _failuresLeft[consumer] = times;

    public void Heal(string consumer) => _failuresLeft.TryRemove(consumer, out _);

    public int Attempts(string consumer) => _attempts.GetValueOrDefault(consumer);

    public int Successes(string consumer) => _successes.GetValueOrDefault(consumer);

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceMethod?.DeclaringType != typeof(IHostGrain)
            || context.InterfaceMethod.Name != nameof(IHostGrain.ReleaseAsync)
            || context.Request.GetArgument(0) is not string consumer)
        {
            await context.Invoke();
            return;
        }

        _attempts.AddOrUpdate(consumer, 1, (_, n) => n + 1);
        if (_failuresLeft.TryGetValue(consumer, out var left) && left > 0)
        {
            _failuresLeft[consumer] = left == int.MaxValue ? left : left - 1;
            throw new InvalidOperationException($"Injected: unable to connect to the silo of host {context.TargetId}.");
        }

        await context.Invoke();
        _successes.AddOrUpdate(consumer, 1, (_, n) => n + 1);
    }
}

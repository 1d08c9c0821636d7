using System.Collections.Concurrent;
using OrleansCompute.Events;

namespace OrleansCompute.Testing.Inspection;

/// <summary>The lifecycle events (Nova's versioned instance notifications) the endpoint published since it started.</summary>
public sealed class ComputeEventLog : IAsyncDisposable
{
    private readonly ConcurrentQueue<InstanceNotification> _events = new();
    private readonly ComputeEventSubscription _subscription;
    private readonly Task _pump;

    internal ComputeEventLog(IComputeEvents events)
    {
        _subscription = events.Subscribe();
        _pump = Task.Run(PumpAsync);
    }

    /// <summary>Every event seen so far, in arrival order.</summary>
    public IReadOnlyList<InstanceNotification> All => [.. _events];

    /// <summary>The events of one server, in order.</summary>
    /// <param name="serverId">The server.</param>
    public IReadOnlyList<InstanceNotification> Of(Guid serverId) => [.. _events.Where(e => e.Instance.Id == serverId)];

    /// <summary>Waits (real time) for an event that satisfies <paramref name="match"/>, seen before or after the call.</summary>
    /// <param name="match">The condition.</param>
    /// <param name="timeout">How long to wait; 30 seconds if null.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    public Task<InstanceNotification> WaitForAsync(Func<InstanceNotification, bool> match, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(match);
        return Polling.UntilAsync(
            () => Task.FromResult(_events.FirstOrDefault(match)),
            e => e is not null,
            timeout ?? TimeSpan.FromSeconds(30),
            betweenTries: null,
            _ => $"no matching event among {_events.Count}: {string.Join(", ", _events.Select(e => e.EventType))}",
            cancellationToken)!;
    }

    /// <summary>Ends the subscription.</summary>
    public async ValueTask DisposeAsync()
    {
        _subscription.Dispose();
        await _pump.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task PumpAsync()
    {
        await foreach (var notification in _subscription.ReadAllAsync())
        {
            _events.Enqueue(notification);
        }
    }
}

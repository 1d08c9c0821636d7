namespace OrleansCompute.Persistence.Tests.Orleans;

/// <summary>
/// Reminder ticks as the silo saw them, outside any grain, so a test can wait for a tick without calling the grain
/// (a call would activate it and prove nothing about reminders being loaded from the table).
/// </summary>
public sealed class ReminderTickLog
{
    private readonly object _lock = new();
    private readonly Dictionary<string, int> _ticks = [];
    private readonly List<(string Key, int Count, TaskCompletionSource Done)> _waiters = [];

    public void Record(string grainKey, string reminderName)
    {
        var key = Key(grainKey, reminderName);
        lock (_lock)
        {
            var count = _ticks[key] = _ticks.GetValueOrDefault(key) + 1;
            foreach (var waiter in _waiters.Where(waiter => waiter.Key == key && waiter.Count <= count).ToList())
            {
                waiter.Done.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }

    public int Count(string grainKey, string reminderName)
    {
        lock (_lock)
        {
            return _ticks.GetValueOrDefault(Key(grainKey, reminderName));
        }
    }

    /// <summary>Completes once the reminder has ticked <paramref name="count"/> times in total; throws at the deadline.</summary>
    public Task WaitForTicksAsync(string grainKey, string reminderName, int count, TimeSpan deadline)
    {
        var key = Key(grainKey, reminderName);
        lock (_lock)
        {
            if (_ticks.GetValueOrDefault(key) >= count)
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((key, count, done));
            return done.Task.WaitAsync(deadline);
        }
    }

    private static string Key(string grainKey, string reminderName) => grainKey + "/" + reminderName;
}

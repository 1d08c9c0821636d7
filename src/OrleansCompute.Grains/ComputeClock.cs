namespace OrleansCompute;

/// <summary>
/// The clock of the control plane's own timing (driver durations, timestamps), kept apart from the
/// <see cref="TimeProvider"/> Orleans itself may resolve, so that tests can drive it with a fake clock without
/// stopping the runtime's timers.
/// </summary>
public sealed class ComputeClock(TimeProvider time)
{
    public static ComputeClock System { get; } = new(TimeProvider.System);

    public TimeProvider Time { get; } = time;

    public DateTimeOffset UtcNow => Time.GetUtcNow();
}

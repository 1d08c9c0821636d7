namespace OrleansCompute.Servers;

/// <summary>Nova's power_state integers (<c>nova/compute/power_state.py</c>); 2 and 5 are unused.</summary>
public static class PowerState
{
    public const int NoState = 0;
    public const int Running = 1;
    public const int Paused = 3;
    public const int Shutdown = 4;
    public const int Crashed = 6;
    public const int Suspended = 7;

    /// <summary>The name Nova's versioned notifications and diagnostics give a power state.</summary>
    public static string Name(int powerState) => powerState switch
    {
        Running => "running",
        Paused => "paused",
        Shutdown => "shutdown",
        Crashed => "crashed",
        Suspended => "suspended",
        _ => "pending",
    };
}

using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace OrleansCompute.Hosting;

/// <summary>
/// The clock of Orleans' membership loops (the <c>Orleans.Membership</c> keyed <see cref="TimeProvider"/>): real time,
/// with timestamps counted from this clock's creation instead of from the machine's boot.
/// <para>
/// Why: Orleans 10's silo watchdog starts its platform thread before it records the component thread's first
/// timestamp, so the platform thread's first check can read that timestamp while it is still 0 and report
/// "Participant check thread has not completed for" the whole time since boot (minutes on a fresh machine, more
/// later), a false stall that is logged as a warning and counted against the silo's health score. Only elapsed times
/// between timestamps of one clock are ever compared, so moving the origin changes nothing else; a 0 read early
/// then means "since the silo was assembled", seconds, well under the watchdog's threshold (twice
/// <c>ClusterMembershipOptions.LocalHealthDegradationMonitoringPeriod</c>).
/// </para>
/// </summary>
internal sealed class WatchdogSafeMembershipClock : TimeProvider
{
    private readonly long _origin = Stopwatch.GetTimestamp();

    public override long GetTimestamp() => Stopwatch.GetTimestamp() - _origin;

    /// <summary>Replaces the membership clock of this silo (other keyed clocks keep Orleans' default).</summary>
    public static void AddTo(IServiceCollection services) =>
        services.AddKeyedSingleton<TimeProvider>(TimeProviderNames.Membership, (_, _) => new WatchdogSafeMembershipClock());
}

using Microsoft.Extensions.DependencyInjection;
using Orleans.Reminders;

namespace OrleansCompute.Testing.Clusters;

/// <summary>
/// Puts one clock under the control plane's timing (driver durations, deadlines) and under Orleans' reminder service
/// (its keyed <see cref="TimeProvider"/>), so that moving the test's clock past a deadline fires the real reminder.
/// </summary>
internal static class TestClock
{
    /// <summary>
    /// Orleans 10 starts local timers only for reminders due within its loading window and picks up later ones by a
    /// periodic reload, which a jump of the fake clock (an hour at once, for a reclaim) outruns now and then. A window
    /// wider than any deadline a test sets loads each reminder when it is registered.
    /// </summary>
    private static readonly TimeSpan ReminderLoadingWindow = TimeSpan.FromDays(400);

    public static void Apply(ISiloBuilder silo, TimeProvider? time)
    {
        silo.Configure<ReminderOptions>(o =>
        {
            // The lifecycle reminders tick at this period after their deadline until their work is done.
            o.MinimumReminderPeriod = TimeSpan.FromSeconds(1);
            o.ReminderLoadingWindow = ReminderLoadingWindow;
        });
        if (time is not null)
        {
            silo.Services.AddSingleton(new ComputeClock(time));
            silo.Services.AddKeyedSingleton(ReminderTimeProviderNames.Reminders, time);
        }
    }
}

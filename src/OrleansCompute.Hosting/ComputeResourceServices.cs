using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OrleansCompute.Quotas;
using OrleansCompute.Reservations;

namespace OrleansCompute.Hosting;

/// <summary>The options of quotas and multi-create, bound from configuration.</summary>
internal static class ComputeResourceServices
{
    public static void AddComputeResources(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<QuotaLimits>(configuration.GetSection(QuotaLimits.SectionName));
        services.Configure<ReservationOptions>(configuration.GetSection(ReservationOptions.SectionName));
    }

    /// <summary>
    /// Orleans refuses reminder periods below its minimum (a minute by default); a reservation's resume
    /// reminder may be configured shorter (tests do), so the minimum follows it.
    /// </summary>
    public static void ConfigureReminders(ISiloBuilder silo, IConfiguration configuration)
    {
        var reservations = configuration.GetSection(ReservationOptions.SectionName).Get<ReservationOptions>() ?? new ReservationOptions();
        var resume = TimeSpan.FromSeconds(reservations.ResumeAfterSeconds);
        silo.Configure<ReminderOptions>(o =>
        {
            if (resume < o.MinimumReminderPeriod)
            {
                o.MinimumReminderPeriod = resume;
            }
        });
    }
}

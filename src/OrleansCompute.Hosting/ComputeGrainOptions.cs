using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansCompute.Catalog;
using OrleansCompute.Driver;
using OrleansCompute.Quotas;
using OrleansCompute.Reservations;
using OrleansCompute.Servers;

namespace OrleansCompute.Hosting;

/// <summary>
/// The options the grains read, each bound from its section and checked when the host starts, so that a wrong value
/// stops the host with its key named rather than misbehaving in the first server that meets it. They are bound from
/// the configuration given (the application's, or a test cluster's own).
/// </summary>
internal static class ComputeGrainOptions
{
    public static void Add(IServiceCollection services, IConfiguration configuration)
    {
        AddCatalog(services, configuration);
        services.AddOptions<FakeDriverOptions>().Bind(configuration.GetSection(FakeDriverOptions.SectionName))
            .Validate(o => o.SpawnSeconds >= 0 && o.DefaultSeconds >= 0 && o.OperationSeconds.Values.All(s => s >= 0), "Compute:FakeDriver: durations (SpawnSeconds, DefaultSeconds, OperationSeconds) must not be negative.")
            .Validate(o => o.OperationSeconds.Keys.All(k => Enum.TryParse<DriverOperation>(k, ignoreCase: false, out _)), $"Compute:FakeDriver:OperationSeconds: keys are operation names ({string.Join(", ", Enum.GetNames<DriverOperation>())}).")
            .Validate(o => o.ProgressSteps >= 1, "Compute:FakeDriver:ProgressSteps must be at least 1.")
            .ValidateOnStart();
        services.AddOptions<ServerLifecycleOptions>().Bind(configuration.GetSection(ServerLifecycleOptions.SectionName))
            .Validate(o => o.ReclaimInstanceInterval >= 0, "Compute:ReclaimInstanceInterval must be 0 (off) or more seconds.")
            .Validate(o => o.ShelvedOffloadTime >= -1, "Compute:ShelvedOffloadTime must be -1 (never), 0 (at once) or more seconds.")
            .Validate(o => o.ResizeConfirmWindow >= 0, "Compute:ResizeConfirmWindow must be 0 (off) or more seconds.")
            .Validate(o => o.MaxActionLogEntries >= 1, "Compute:MaxActionLogEntries must be at least 1.")
            .ValidateOnStart();
        services.AddOptions<QuotaLimits>().Bind(configuration.GetSection(QuotaLimits.SectionName))
            .Validate(o => o.Named().All(quota => quota.Value >= -1), "Compute:Quota: a quota is -1 (unlimited) or a count of 0 or more.")
            .ValidateOnStart();
        services.AddOptions<QuotaReconcileOptions>().Bind(configuration.GetSection(QuotaReconcileOptions.SectionName));
        services.AddOptions<ReservationOptions>().Bind(configuration.GetSection(ReservationOptions.SectionName))
            .Validate(o => o.Parallelism >= 1, "Compute:Reservations:Parallelism must be at least 1.")
            .Validate(o => o.ResumeAfterSeconds >= 1, "Compute:Reservations:ResumeAfterSeconds must be at least 1.")
            .ValidateOnStart();
    }

    /// <summary>The catalog a create refers to; a front reads it too.</summary>
    public static void AddCatalog(IServiceCollection services, IConfiguration configuration) =>
        services.AddOptions<CatalogOptions>().Bind(configuration.GetSection(CatalogOptions.SectionName))
            .Validate(o => Distinct(o.Flavors.Select(f => f.Id)), "Compute:Catalog:Flavors: every flavor needs an Id of its own.")
            .Validate(o => Distinct(o.Images.Select(i => i.Id)), "Compute:Catalog:Images: every image needs an Id of its own.")
            .Validate(o => Distinct(o.Networks.Select(n => n.Id)), "Compute:Catalog:Networks: every network needs an Id of its own.")
            .Validate(o => Distinct(o.Ports.Select(p => p.Id)), "Compute:Catalog:Ports: every port needs an Id of its own.")
            .ValidateOnStart();

    /// <summary>
    /// Orleans refuses reminder periods below its minimum: <c>Compute:MinimumReminderPeriod</c> sets it, and a
    /// reservation's resume reminder configured shorter (tests do) lowers it further.
    /// </summary>
    public static void ConfigureReminders(ISiloBuilder silo) =>
        silo.Services.AddOptions<ReminderOptions>().Configure<IOptions<ComputeOptions>, IOptions<ReservationOptions>>((reminders, compute, reservations) =>
        {
            reminders.MinimumReminderPeriod = TimeSpan.FromSeconds(Math.Max(1, compute.Value.MinimumReminderPeriod));
            var resume = TimeSpan.FromSeconds(reservations.Value.ResumeAfterSeconds);
            if (resume < reminders.MinimumReminderPeriod)
            {
                reminders.MinimumReminderPeriod = resume;
            }
        });

    private static bool Distinct(IEnumerable<string> ids)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return ids.All(id => !string.IsNullOrWhiteSpace(id) && seen.Add(id));
    }
}

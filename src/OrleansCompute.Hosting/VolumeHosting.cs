using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OrleansCompute.Persistence.Postgres;
using OrleansCompute.Persistence.Sqlite;
using OrleansCompute.Persistence.Volumes;
using OrleansCompute.Volumes;

namespace OrleansCompute.Hosting;

/// <summary>
/// The block storage service's grain-side services: the fake backend and its options, and the volume index in
/// whichever database the host uses (PostgreSQL in cluster mode, else the SQLite file of the server index).
/// </summary>
internal static class VolumeHosting
{
    public static void Add(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FakeVolumeBackendOptions>().Bind(configuration.GetSection(FakeVolumeBackendOptions.SectionName))
            .Validate(o => o.CreateSeconds >= 0 && o.DefaultSeconds >= 0 && o.ConnectSeconds >= 0, "Compute:Volume:FakeBackend: durations must not be negative.")
            .ValidateOnStart();
        services.AddOptions<VolumeQuotaDefaults>().Bind(configuration.GetSection(VolumeQuotaDefaults.SectionName))
            .Validate(o => o.Volumes >= -1 && o.Gigabytes >= -1 && o.Snapshots >= -1, "Compute:Volume:Quota: a quota is -1 (unlimited) or 0 or more.")
            .ValidateOnStart();
        services.AddSingleton<IVolumeBackend, FakeVolumeBackend>();
        AddIndex(services);
    }

    /// <summary>The index alone: what a front without a silo needs for the block storage lists.</summary>
    public static void AddIndex(IServiceCollection services)
    {
        services.AddSingleton<IVolumeIndex>(sp => sp.GetService<PostgresComputeDatabase>() is { } postgres
            ? new PostgresVolumeIndex(postgres)
            : new SqliteVolumeIndex(sp.GetRequiredService<SqliteComputeDatabase>()));
    }
}

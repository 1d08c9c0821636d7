using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Reminders;
using Orleans.TestingHost;
using OrleansCompute.Hosting;
using OrleansCompute.Indexing;
using OrleansCompute.Persistence.Sqlite;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Lifecycle;

/// <summary>
/// An in-process silo for the lifecycle: soft delete on (reclaim after an hour), offload after ten minutes,
/// auto-confirm after five, the fake driver's metadata hooks on, and ONE fake clock for both the control plane
/// (driver durations, deadlines) and Orleans' reminder service (its keyed TimeProvider), so a test moves time
/// past a deadline and the real reminder fires without waiting.
/// </summary>
public sealed class LifecycleClusterFixture : IAsyncLifetime
{
    public const int ReclaimSeconds = 3600;
    public const int OffloadSeconds = 600;
    public const int ConfirmSeconds = 300;

    private readonly TempDirectory _directory = new();
    private InProcessTestCluster? _cluster;
    private SqliteComputeDatabase? _database;

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public IServerIndex Index { get; private set; } = null!;

    public IGrainFactory Grains => _cluster!.Client;

    /// <summary>The silo's services (Orleans' view of each grain type, such as its collection age).</summary>
    public IServiceProvider SiloServices => _cluster!.Silos[0].ServiceProvider;

    public async Task InitializeAsync()
    {
        _database = new SqliteComputeDatabase(Path.Combine(_directory.Path, "compute.db"));
        await _database.EnsureSchemaAsync();
        Index = new SqliteServerIndex(_database);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Compute:ReclaimInstanceInterval"] = ReclaimSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Compute:ShelvedOffloadTime"] = OffloadSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Compute:ResizeConfirmWindow"] = ConfirmSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Compute:FakeDriver:SpawnSeconds"] = "1",
            ["Compute:FakeDriver:DefaultSeconds"] = "1",
            ["Compute:FakeDriver:MetadataHooks"] = "true",
        }).Build();

        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(ComputeStorage.ProviderName);
            silo.UseInMemoryReminderService();
            silo.Configure<ReminderOptions>(o =>
            {
                o.MinimumReminderPeriod = TimeSpan.FromSeconds(1);
                // Orleans 10 starts local timers only for reminders due within this window and picks up later ones
                // by a periodic reload. The tests jump the fake clock an hour ahead at once (the reclaim), faster
                // than that reload can follow, which left the reclaim reminder unloaded now and then; a window
                // wider than every deadline here loads each reminder when it is registered.
                o.ReminderLoadingWindow = TimeSpan.FromSeconds(ReclaimSeconds * 2);
            });
            ComputeHostingExtensions.AddComputeServices(silo.Services, configuration);
            silo.Services.AddSingleton(Index);
            silo.Services.AddSingleton(new ComputeClock(Time));
            silo.Services.AddKeyedSingleton<TimeProvider>(ReminderTimeProviderNames.Reminders, Time);
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    /// <summary>
    /// When the reminder <paramref name="name"/> of <paramref name="grain"/> is first due, once the grain has
    /// registered it. A server shows its new status before it registers the deadline's reminder (after the commit),
    /// and the grain computes the reminder's due time from the clock: a test that moved the fake clock past the
    /// deadline in between had the reminder registered a whole deadline after the jump, far beyond its polling.
    /// </summary>
    public async Task<DateTime> ReminderDueAsync(GrainId grain, string name)
    {
        var table = _cluster!.Silos[0].ServiceProvider.GetRequiredService<IReminderTable>();
        var entry = await Eventually.Until(
            async () => (await table.ReadRows(grain)).Reminders.FirstOrDefault(reminder => reminder.ReminderName == name),
            reminder => reminder is not null,
            TimeSpan.FromSeconds(60),
            because: $"{grain} registers its reminder {name}");
        return entry!.StartAt;
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        _directory.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class LifecycleClusterCollection : ICollectionFixture<LifecycleClusterFixture>
{
    public const string Name = "lifecycle-cluster";
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Reminders;
using Orleans.Storage;
using Orleans.TestingHost;
using OrleansCompute.Hosting;
using OrleansCompute.Indexing;
using OrleansCompute.Persistence.Sqlite;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Hardening;

/// <summary>
/// One in-process silo for the outbox and reconciler tests: an instant fake driver, reminders down to 1 s, the
/// real SQLite server index, a fake clock for the control plane's own timing (claims' ages), and a fault filter
/// that makes host releases fail on demand, and a full disk for server states.
/// </summary>
public sealed class OutboxFixture : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private InProcessTestCluster? _cluster;
    private SqliteComputeDatabase? _database;

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public OutboxHostReleaseFaults Faults { get; } = new();

    public OutboxServerWriteFaults FullDisk { get; } = new();

    /// <summary>Migration index calls that fail on demand (the operator's migration record tests).</summary>
    public Operator.MigrationIndexFaults MigrationFaults { get; } = new();

    public IGrainFactory Grains => _cluster!.Client;

    private const string InnerStorage = "compute-memory";

    /// <summary>The silo's grain storage, whose writes of one grain a test can make fail.</summary>
    public Quotas.FaultableGrainStorage Storage { get; private set; } = null!;

    /// <summary>The silo's server index, whose queries a test can hold (the quota recount races).</summary>
    public Quotas.PausableServerIndex Index { get; private set; } = null!;

    /// <summary>The silo's services (its grain storage and server index), for tests that set up stored state.</summary>
    public IServiceProvider SiloServices => _cluster!.Silos[0].ServiceProvider;

    public async Task InitializeAsync()
    {
        _database = new SqliteComputeDatabase(Path.Combine(_directory.Path, "compute.db"));
        await _database.EnsureSchemaAsync();
        var sqliteIndex = new SqliteServerIndex(_database);
        Index = new Quotas.PausableServerIndex(sqliteIndex);
        IServerIndex index = Index;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Compute:FakeDriver:Instant"] = "true",
            ["Compute:QuotaReconcile:GraceSeconds"] = "300",
        }).Build();

        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(InnerStorage);
            silo.Services.AddKeyedSingleton<IGrainStorage>(ComputeStorage.ProviderName, (services, _) => Storage = new Quotas.FaultableGrainStorage(services.GetRequiredKeyedService<IGrainStorage>(InnerStorage)));
            silo.UseInMemoryReminderService();
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            ComputeHostingExtensions.AddComputeServices(silo.Services, configuration);
            silo.Services.AddSingleton(index);
            // The network and image indexes live beside an ADO.NET server index, which the pausable one wraps.
            silo.Services.AddSingleton(Persistence.Index.NeutronIndexes.Beside(sqliteIndex));
            silo.Services.AddSingleton(Persistence.Images.ImageIndexes.Beside(sqliteIndex));
            silo.Services.AddSingleton(new ComputeClock(Time));
            silo.Services.AddSingleton<IIncomingGrainCallFilter>(Faults);
            silo.Services.AddSingleton<IIncomingGrainCallFilter>(FullDisk);
            silo.Services.AddSingleton<IIncomingGrainCallFilter>(MigrationFaults);
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    /// <summary>Deactivates every idle activation, as a silo restart would (state stays in storage).</summary>
    public Task DeactivateAllAsync() => Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

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
public sealed class OutboxCollection : ICollectionFixture<OutboxFixture>
{
    public const string Name = "outbox";
}

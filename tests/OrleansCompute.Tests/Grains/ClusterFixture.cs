using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using OrleansCompute.Hosting;
using OrleansCompute.Indexing;
using OrleansCompute.Persistence.Sqlite;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Grains;

/// <summary>
/// One in-process silo shared by the grain tests: in-memory grain storage, the real SQLite server index in a
/// temp file, and a fake clock for the control plane's own timing (the driver's durations).
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const string FailingName = "fail-me";

    private readonly TempDirectory _directory = new();
    private InProcessTestCluster? _cluster;

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public SqliteComputeDatabase Database { get; private set; } = null!;

    public IServerIndex Index { get; private set; } = null!;

    public IGrainFactory Grains => _cluster!.Client;

    public async Task InitializeAsync()
    {
        Database = new SqliteComputeDatabase(Path.Combine(_directory.Path, "compute.db"));
        await Database.EnsureSchemaAsync();
        Index = new SqliteServerIndex(Database);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Compute:FakeDriver:SpawnSeconds"] = "1",
            ["Compute:FakeDriver:DefaultSeconds"] = "1",
            ["Compute:FakeDriver:FailureNameMarker"] = FailingName,
        }).Build();

        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(ComputeStorage.ProviderName);
            silo.UseInMemoryReminderService();
            ComputeHostingExtensions.AddComputeServices(silo.Services, configuration);
            silo.Services.AddSingleton(Index);
            silo.Services.AddSingleton(new ComputeClock(Time));
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        await Database.DisposeAsync();
        _directory.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}

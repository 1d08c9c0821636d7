using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using OrleansCompute.Catalog;
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

    /// <summary>A /23: 510 usable addresses in two blocks.</summary>
    public const string SmallNetworkId = "5b1e8a52-3f0c-4a8e-9d65-0f8c1c2a7e10";

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
            // The default network, plus a small one (two blocks of addresses) to fill up in the allocation tests.
            ["Compute:Catalog:Networks:0:Id"] = DefaultCatalog.PrivateNetworkId,
            ["Compute:Catalog:Networks:0:Name"] = "private",
            ["Compute:Catalog:Networks:0:Cidr"] = "10.0.0.0/16",
            ["Compute:Catalog:Networks:0:IsDefault"] = "true",
            ["Compute:Catalog:Networks:1:Id"] = SmallNetworkId,
            ["Compute:Catalog:Networks:1:Name"] = "small",
            ["Compute:Catalog:Networks:1:Cidr"] = "192.168.10.0/23",
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

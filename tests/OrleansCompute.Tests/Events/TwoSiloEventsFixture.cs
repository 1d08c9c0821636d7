using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansCompute.Events;
using OrleansCompute.Hosting;
using OrleansCompute.Indexing;
using OrleansCompute.Persistence.Sqlite;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Events;

/// <summary>
/// A two-silo in-process Orleans cluster with the lifecycle event streams registered as the hosting API registers
/// them (memory streams, the PubSub store in memory like the grain state here), and an Orleans client with the
/// client-tier registration. Three subscribers, one in each silo's process services and one in the client's,
/// collect every event they receive, from the start.
/// </summary>
public sealed class TwoSiloEventsFixture : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private readonly List<ComputeEventSubscription> _subscriptions = [];
    private readonly List<Task> _readers = [];
    private InProcessTestCluster? _cluster;
    private SqliteComputeDatabase? _database;

    public InProcessTestCluster Cluster => _cluster!;

    /// <summary>Events as each subscriber received them: index 0 and 1 are the silos, 2 the client.</summary>
    public IReadOnlyList<ConcurrentQueue<InstanceNotification>> Received { get; } = [new(), new(), new()];

    public async Task InitializeAsync()
    {
        _database = new SqliteComputeDatabase(Path.Combine(_directory.Path, "compute.db"));
        await _database.EnsureSchemaAsync();
        var index = new SqliteServerIndex(_database);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Compute:FakeDriver:SpawnSeconds"] = "0.1",
            ["Compute:FakeDriver:DefaultSeconds"] = "0.1",
        }).Build();

        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(ComputeStorage.ProviderName);
            silo.UseInMemoryReminderService();
            ComputeHostingExtensions.AddComputeServices(silo.Services, configuration);
            silo.Services.AddSingleton<IServerIndex>(index);
            ComputeEventStreams.AddToSiloWithMemoryPubSub(silo);
        });
        builder.ConfigureClient(ComputeEventStreams.AddToClient);
        _cluster = builder.Build();
        await _cluster.DeployAsync();

        Subscribe(0, _cluster.Silos[0].ServiceProvider);
        Subscribe(1, _cluster.Silos[1].ServiceProvider);
        Subscribe(2, _cluster.Client.ServiceProvider);
    }

    public async Task DisposeAsync()
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }

        await Task.WhenAll(_readers);
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

    private void Subscribe(int subscriber, IServiceProvider services)
    {
        var subscription = services.GetRequiredService<IComputeEvents>().Subscribe();
        _subscriptions.Add(subscription);
        var queue = (ConcurrentQueue<InstanceNotification>)Received[subscriber];
        _readers.Add(Task.Run(async () =>
        {
            await foreach (var notification in subscription.ReadAllAsync())
            {
                queue.Enqueue(notification);
            }
        }));
    }
}

using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using OrleansCompute.Events;
using OrleansCompute.Hosting;
using OrleansCompute.Indexing;
using OrleansCompute.Persistence.Sqlite;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Embedding;

/// <summary>
/// Two real silos (two Orleans hosts in this process on real ports, development clustering, grain state in memory, the real SQLite index) and, in front of them, an HTTP tier that
/// is not a silo: a WebApplication built only with the public calls AddOrleansComputeClient and MapOrleansCompute,
/// on a real port, reaching the grains through the silos' gateways. Every event of the cluster is collected, from the
/// first silo's subscription.
/// </summary>
public sealed class TwoSiloClusterWithFront : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private readonly List<ComputeEventSubscription> _subscriptions = [];
    private readonly List<Task> _readers = [];
    private const string ServiceId = "two-silo-test";
    private const string ClusterId = "two-silo-test";
    private readonly List<IHost> _silos = [];
    private readonly List<string> _gateways = [];
    private WebApplication? _front;
    private SqliteComputeDatabase? _database;

    public Uri FrontAddress { get; private set; } = null!;

    /// <summary>Every event of the cluster as the first silo's subscriber received it, tagged with that silo, in arrival order.</summary>
    public ConcurrentQueue<(int Silo, InstanceNotification Event)> Events { get; } = new();

    /// <summary>How many silos the cluster has.</summary>
    public int SiloCount => _silos.Count;

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

        var primary = new IPEndPoint(IPAddress.Loopback, FreePort.Next());
        for (var silo = 0; silo < 2; silo++)
        {
            var siloPort = silo == 0 ? primary.Port : FreePort.Next();
            var gatewayPort = FreePort.Next();
            var host = Host.CreateApplicationBuilder();
            host.Logging.ClearProviders();
            host.UseOrleans(orleans =>
            {
                orleans.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = ClusterId;
                    o.ServiceId = ServiceId;
                });
                orleans.UseLocalhostClustering(siloPort, gatewayPort, primary);
                orleans.AddMemoryGrainStorage(ComputeStorage.ProviderName);
                orleans.UseInMemoryReminderService();
                ComputeHostingExtensions.AddComputeServices(orleans.Services, configuration);
                orleans.Services.AddSingleton<IServerIndex>(index);
                ComputeEventStreams.AddToSiloWithMemoryPubSub(orleans);
            });
            var started = host.Build();
            await started.StartAsync();
            _silos.Add(started);
            _gateways.Add($"127.0.0.1:{gatewayPort}");
        }

        // Events are cluster-wide: the first silo's subscriber sees every server's, whichever silo runs its grain.
        var subscription = _silos[0].Services.GetRequiredService<IComputeEvents>().Subscribe();
        _subscriptions.Add(subscription);
        _readers.Add(Task.Run(async () =>
        {
            await foreach (var notification in subscription.ReadAllAsync())
            {
                Events.Enqueue((0, notification));
            }
        }));

        var port = FreePort.Next();
        var arguments = new List<string>
        {
            $"--Compute:DataDirectory={_directory.Path}",
            $"--Compute:ServiceId={ServiceId}",
            $"--Compute:ClusterId={ClusterId}",
            "--Compute:Auth:Mode=noauth",
        };
        arguments.AddRange(_gateways.Select((g, i) => $"--Compute:Client:Gateways:{i}={g}"));
        var front = WebApplication.CreateBuilder(arguments.ToArray());
        front.WebHost.UseUrls($"http://127.0.0.1:{port}");
        front.AddOrleansComputeClient();
        _front = front.Build();
        _front.MapOrleansCompute();
        await _front.StartAsync();
        FrontAddress = new Uri($"http://127.0.0.1:{port}");
    }

    public async Task DisposeAsync()
    {
        if (_front is not null)
        {
            await _front.StopAsync();
            await _front.DisposeAsync();
        }

        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }

        await Task.WhenAll(_readers);
        // Secondary first, so that the primary (which holds the development membership) goes last.
        for (var silo = _silos.Count - 1; silo >= 0; silo--)
        {
            await _silos[silo].StopAsync();
            _silos[silo].Dispose();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        _directory.Dispose();
    }
}

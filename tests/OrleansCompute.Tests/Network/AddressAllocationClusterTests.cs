using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansCompute.Hosting;
using OrleansCompute.Indexing;
using OrleansCompute.Networking;
using OrleansCompute.Persistence.Sqlite;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Network;

/// <summary>
/// Three silos in one in-process cluster: 200 servers ask for an address on one /24 at the same time, each call
/// entering the cluster through one of the three silos. The network's grain is the single allocator wherever the
/// callers run, so no address is handed out twice.
/// </summary>
public sealed class AddressAllocationClusterTests : IAsyncLifetime
{
    private const string NetworkId = "7d3f0e5a-4c1b-4f7e-9a2d-6b8c0e1f2a33";

    private readonly TempDirectory _directory = new();
    private InProcessTestCluster? _cluster;
    private SqliteComputeDatabase? _database;

    public async Task InitializeAsync()
    {
        _database = new SqliteComputeDatabase(Path.Combine(_directory.Path, "compute.db"));
        await _database.EnsureSchemaAsync();
        var index = new SqliteServerIndex(_database);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Compute:Catalog:Networks:0:Id"] = NetworkId,
            ["Compute:Catalog:Networks:0:Name"] = "crowded",
            ["Compute:Catalog:Networks:0:Cidr"] = "10.77.0.0/24",
            ["Compute:Catalog:Networks:0:IsDefault"] = "true",
        }).Build();
        var builder = new InProcessTestClusterBuilder(3);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(ComputeStorage.ProviderName);
            silo.UseInMemoryReminderService();
            ComputeHostingExtensions.AddComputeServices(silo.Services, configuration);
            silo.Services.AddSingleton<IServerIndex>(index);
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

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        _directory.Dispose();
    }

    [Fact]
    public async Task Two_hundred_concurrent_creates_on_one_slash_24_across_three_silos_never_share_an_address()
    {
        var silos = _cluster!.Silos;
        silos.Should().HaveCount(3);
        var creates = Enumerable.Range(0, 200).Select(i =>
        {
            // Each call starts on a silo of its own, so the allocations race from every silo at once.
            var grains = silos[i % 3].ServiceProvider.GetRequiredService<IGrainFactory>();
            return grains.GetGrain<INetworkGrain>(NetworkId).AttachAsync(new ServerPortRequest { ServerId = Guid.NewGuid(), ProjectId = "crowd", Host = "compute-1" });
        });

        var addresses = (await Task.WhenAll(creates)).Select(a => a.Should().ContainSingle().Subject.Address).ToList();

        addresses.Should().HaveCount(200).And.OnlyHaveUniqueItems();
        addresses.Select(IPAddress.Parse).Should().OnlyContain(a => a.ToString().StartsWith("10.77.0.", StringComparison.Ordinal))
            .And.NotContain([IPAddress.Parse("10.77.0.0"), IPAddress.Parse("10.77.0.255")]);
        var index = silos[0].ServiceProvider.GetRequiredService<INeutronIndex>();
        var ports = await index.QueryAsync(new NeutronIndexQuery { Kind = NeutronKinds.Port, ParentId = NetworkId });
        ports.Select(r => NeutronJson.Read<NeutronPort>(r.Body).FixedIps.Single().IpAddress).Should().BeEquivalentTo(addresses, "each address is one port's");
    }
}

using Orleans.TestingHost;
using OrleansCompute.Servers;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Testing.Tests.Clusters;

/// <summary>The same extension from a product's class-based silo configurator (<see cref="TestClusterBuilder"/>), on the system clock.</summary>
public sealed class ClassConfiguratorTests : IAsyncLifetime
{
    private TestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(1);
        builder.AddSiloBuilderConfigurator<ProductSiloConfigurator>();
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task The_product_grain_reaches_the_compute_grains()
    {
        var fleet = _cluster.Client.GetGrain<IFleetGrain>("shop");
        var id = await fleet.LaunchAsync("db-1");
        await Eventually.Until(() => fleet.StatusOfAsync(id), s => s == ServerStatus.Active, TimeSpan.FromSeconds(30), because: "the server should build");
    }

    /// <summary>What a product's own configurator adds: its settings, and the compute grains.</summary>
    public sealed class ProductSiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) =>
            siloBuilder.AddOrleansComputeForTests(configure: o => o.SpawnTime = TimeSpan.FromMilliseconds(100));
    }
}

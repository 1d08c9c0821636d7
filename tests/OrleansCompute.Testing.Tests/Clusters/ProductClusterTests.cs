using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using OrleansCompute.Servers;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Testing.Tests.Clusters;

/// <summary>
/// A product's own test cluster with the compute grains added by <see cref="ComputeTestSiloExtensions.AddOrleansComputeForTests"/>:
/// the product grain creates, watches and retires a server through the compute grains, on the test's clock.
/// </summary>
public sealed class ProductClusterTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo.AddOrleansComputeForTests(_time, o => o.SoftDeleteReclaimAfter = TimeSpan.FromHours(1)));
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task The_product_grain_builds_a_server_and_its_soft_delete_is_reclaimed_when_the_clock_passes_the_hour()
    {
        var fleet = _cluster.Client.GetGrain<IFleetGrain>("shop");
        var id = await fleet.LaunchAsync("web-1");
        await StatusAsync(fleet, id, ServerStatus.Active);

        await fleet.RetireAsync(id);
        await StatusAsync(fleet, id, ServerStatus.SoftDeleted);
        _time.Advance(TimeSpan.FromHours(1));
        await StatusAsync(fleet, id, null);
    }

    /// <summary>Waits for the status, moving the clock a little between tries (the fake driver takes its time on it).</summary>
    private Task StatusAsync(IFleetGrain fleet, Guid id, string? status) =>
        Eventually.Until(
            async () =>
            {
                _time.Advance(TimeSpan.FromMilliseconds(250));
                return await fleet.StatusOfAsync(id);
            },
            s => s == status,
            TimeSpan.FromSeconds(30),
            because: $"server {id} should become {status ?? "gone"}");
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OrleansCompute.Hosting;
using OrleansCompute.Testing.Clusters;

namespace OrleansCompute.Testing;

/// <summary>
/// The compute grains inside a product's own Orleans test cluster (<c>InProcessTestClusterBuilder</c> or
/// <c>TestClusterBuilder</c>): call <see cref="AddOrleansComputeForTests"/> from the product's silo configurator, and
/// the product's grains can call the compute grains (<c>IServerGrain</c>, <c>IProjectGrain</c>...) in the same cluster.
/// </summary>
public static class ComputeTestSiloExtensions
{
    /// <summary>
    /// Adds the compute grains' services with every store in memory (grain state, reminders, event PubSub), the fake
    /// driver, a SQLite server index in a temp file, and, when <paramref name="time"/> is given, that clock for the
    /// control plane's timing and for the reminders (so the test fires reclaim, offload and auto-confirm by moving it).
    /// </summary>
    /// <param name="silo">The silo being configured.</param>
    /// <param name="time">The test's clock (a <c>FakeTimeProvider</c>); null: the system clock.</param>
    /// <param name="configure">Settings of the control plane.</param>
    public static ISiloBuilder AddOrleansComputeForTests(this ISiloBuilder silo, TimeProvider? time = null, Action<ComputeTestSiloOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var options = new ComputeTestSiloOptions();
        configure?.Invoke(options);
        // A silo alone serves no API: noauth keeps the API's identity services (which need a data directory) out of it.
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase) { ["Compute:Auth:Mode"] = "noauth" };
        foreach (var (key, value) in options.ToConfiguration())
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        silo.AddOrleansComputeInMemory(configuration);
        TestServerIndex.Add(silo.Services);
        foreach (var change in options.CatalogChanges)
        {
            silo.Services.PostConfigure(change);
        }

        TestClock.Apply(silo, time);
        return silo;
    }
}

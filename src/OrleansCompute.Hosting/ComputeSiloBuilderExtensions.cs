using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace OrleansCompute.Hosting;

/// <summary>
/// The control plane's grains in a silo that the caller builds itself, such as a product's own Orleans
/// <c>TestCluster</c>: OrleansCompute.Testing uses it to put the compute grains beside the product's grains.
/// </summary>
public static class ComputeSiloBuilderExtensions
{
    /// <summary>
    /// Adds the services the compute grains need (driver, catalog, quotas, lifecycle settings, the event outbox and
    /// the JSON form of their state), configured from <paramref name="configuration"/>'s <c>Compute</c> section, with
    /// every Orleans store in memory: the grain storage <see cref="ComputeStorage.ProviderName"/>, the reminder table
    /// and the event streams' PubSub store. The caller adds an <c>IServerIndex</c> (the list queries' index).
    /// </summary>
    /// <param name="silo">The silo being built.</param>
    /// <param name="configuration">Settings of the control plane (<c>Compute:*</c> keys).</param>
    public static ISiloBuilder AddOrleansComputeInMemory(this ISiloBuilder silo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(configuration);
        ComputeHostingExtensions.AddComputeServices(silo.Services, configuration);
        // The API's services come along (the grains and the API share them); their OpenAPI part asks for routing,
        // which a silo without a web host lacks, and a host that validates its services at build would refuse it.
        silo.Services.AddRouting();
        silo.AddMemoryGrainStorage(ComputeStorage.ProviderName);
        silo.UseInMemoryReminderService();
        ComputeEventStreams.AddToSiloWithMemoryPubSub(silo);
        return silo;
    }
}

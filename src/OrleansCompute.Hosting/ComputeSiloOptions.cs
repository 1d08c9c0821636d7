using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansCompute.Catalog;
using OrleansCompute.Driver;
using OrleansCompute.Quotas;

namespace OrleansCompute.Hosting;

/// <summary>
/// What a product decides in code when it adds the control plane to its silo (<see cref="ComputeHostingExtensions.AddOrleansCompute"/>).
/// Everything here can also come from configuration (section <c>Compute</c>); what code sets wins: it is applied
/// after configuration (<c>PostConfigure</c>), never written into the application's configuration.
/// </summary>
public sealed partial class ComputeSiloOptions
{
    private readonly List<Action<CatalogOptions>> _catalog = [];
    private readonly ComputeOptions _configured;

    internal ComputeSiloOptions(ComputeOptions configured, ComputeOptions hosting)
    {
        _configured = configured;
        Hosting = hosting;
    }

    /// <summary>
    /// Storage mode and cluster identity, filled from configuration first: <see cref="ComputeOptions.Mode"/>
    /// (<c>embedded</c>: one silo and a SQLite file under <see cref="ComputeOptions.DataDirectory"/>), the
    /// Orleans ServiceId, ClusterId and ports. Only the values code changes here override configuration.
    /// </summary>
    public ComputeOptions Hosting { get; }

    /// <summary>Default quotas of every project; null keeps <c>Compute:Quota</c> or Nova's defaults.</summary>
    public QuotaLimits? DefaultQuotas { get; set; }

    internal Func<IServiceProvider, IComputeDriver>? DriverFactory { get; private set; }

    /// <summary>Embedded mode: one silo with everything in <c>compute.db</c> under <paramref name="dataDirectory"/>.</summary>
    public ComputeSiloOptions UseEmbeddedStorage(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        Hosting.Mode = ComputeModes.Embedded;
        Hosting.DataDirectory = dataDirectory;
        return this;
    }

    /// <summary>Replaces the fake compute driver with the product's own, created from the silo's services.</summary>
    public ComputeSiloOptions UseComputeDriver<TDriver>()
        where TDriver : class, IComputeDriver
    {
        DriverFactory = services => ActivatorUtilities.CreateInstance<TDriver>(services);
        return this;
    }

    /// <summary>Replaces the fake compute driver with the instance <paramref name="factory"/> makes (once per silo).</summary>
    public ComputeSiloOptions UseComputeDriver(Func<IServiceProvider, IComputeDriver> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        DriverFactory = factory;
        return this;
    }

    /// <summary>
    /// Changes the catalog after configuration is read: flavors, images, networks, hosts and ports. Lists left
    /// empty fall back to the built-in defaults.
    /// </summary>
    public ComputeSiloOptions ConfigureCatalog(Action<CatalogOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _catalog.Add(configure);
        return this;
    }

    /// <summary>Registers what code chose over what configuration registered (the driver replaces the fake one).</summary>
    internal void ApplyTo(IServiceCollection services)
    {
        if (ComputeOptionsChanges.Between(_configured, Hosting) is { } hosting)
        {
            services.PostConfigure(hosting);
        }

        if (DefaultQuotas is { } quotas)
        {
            services.PostConfigure<QuotaLimits>(ComputeQuotaConfiguration.Apply(quotas));
        }

        foreach (var change in _catalog)
        {
            services.PostConfigure(change);
        }

        if (DriverFactory is { } driver)
        {
            services.Replace(ServiceDescriptor.Singleton(driver));
        }
    }
}

using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using OrleansCompute.Api;
using OrleansCompute.Catalog;
using OrleansCompute.Indexing;
using OrleansCompute.Persistence.Sqlite;

namespace OrleansCompute.Hosting;

/// <summary>
/// The HTTP tier apart from the silos: a process that serves the same Nova routes (map them with
/// <see cref="ComputeHostingExtensions.MapOrleansCompute"/>) as an Orleans client. Every change goes to the grains
/// through a silo's gateway; list queries read the server index, as Nova's API reads its database.
/// </summary>
public static class ComputeClientExtensions
{
    /// <summary>
    /// Adds an Orleans client of the compute cluster (<c>Compute:Client:Gateways</c>, <c>Compute:ServiceId</c>,
    /// <c>Compute:ClusterId</c>) and the API's services. The catalog must be configured as on the silos.
    /// </summary>
    /// <param name="builder">The application's host builder.</param>
    /// <param name="configure">Choices made in code (gateways); they win over configuration.</param>
    public static IHostApplicationBuilder AddOrleansComputeClient(this IHostApplicationBuilder builder, Action<ComputeClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var options = configuration.GetSection(ComputeOptions.SectionName).Get<ComputeOptions>() ?? new ComputeOptions();
        var client = configuration.GetSection(ComputeClientOptions.SectionName).Get<ComputeClientOptions>() ?? new ComputeClientOptions();
        configure?.Invoke(client);

        var services = builder.Services;
        services.AddSingleton(Options.Create(options));
        services.AddComputeApi(configuration);
        services.Configure<CatalogOptions>(configuration.GetSection(CatalogOptions.SectionName));
        services.AddSingleton<ComputeCatalog>();
        AddIndexReader(services, options);
        // identity mode: the same user directory and token key ring as the silos (the shared data directory).
        IdentityHosting.AddBuiltInIdentity(services, configuration, Path.GetFullPath(options.DataDirectory));

        var gateways = client.Gateways.Count > 0
            ? client.Gateways.Select(ParseGateway).ToArray()
            : [new IPEndPoint(IPAddress.Loopback, options.GatewayPort)];
        builder.UseOrleansClient(orleans =>
        {
            orleans.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = options.ClusterId;
                o.ServiceId = options.ServiceId;
            });
            orleans.UseStaticClustering(gateways);
            ComputeEventStreams.AddToClient(orleans);
        });
        return builder;
    }

    /// <summary>The index the list endpoints read: the same database the silos write.</summary>
    private static void AddIndexReader(IServiceCollection services, ComputeOptions options)
    {
        if (!string.Equals(options.Mode, ComputeModes.Embedded, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Compute:Mode '{options.Mode}' is not supported by the client tier; use '{ComputeModes.Embedded}'.");
        }

        var file = Path.Combine(Path.GetFullPath(options.DataDirectory), "compute.db");
        services.AddSingleton(_ => new SqliteComputeDatabase(file));
        services.AddSingleton<IServerIndex>(sp => new SqliteServerIndex(sp.GetRequiredService<SqliteComputeDatabase>()));
    }

    private static IPEndPoint ParseGateway(string gateway)
    {
        if (IPEndPoint.TryParse(gateway, out var endpoint) && endpoint.Port != 0)
        {
            return endpoint;
        }

        var colon = gateway.LastIndexOf(':');
        if (colon > 0 && int.TryParse(gateway[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture, out var port))
        {
            var addresses = Dns.GetHostAddresses(gateway[..colon]);
            if (addresses.Length > 0)
            {
                return new IPEndPoint(addresses[0], port);
            }
        }

        throw new InvalidOperationException($"Compute:Client:Gateways entry '{gateway}' is not host:port.");
    }
}

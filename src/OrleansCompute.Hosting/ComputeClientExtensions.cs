using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using OrleansCompute.Api;
using OrleansCompute.Catalog;
using OrleansCompute.Indexing;
using OrleansCompute.Persistence.Postgres;
using OrleansCompute.Persistence.Sqlite;
using OrleansCompute.WebConsole;

namespace OrleansCompute.Hosting;

/// <summary>
/// The HTTP tier apart from the silos: a process that serves the same Nova routes (map them with
/// <see cref="ComputeHostingExtensions.MapOrleansCompute"/>) as an Orleans client. Every change goes to the grains
/// through a silo's gateway; list queries read the server index, as Nova's API reads its database.
/// </summary>
public static class ComputeClientExtensions
{
    /// <summary>How long a front waits before it tries the cluster again when no gateway answers at start.</summary>
    private static readonly TimeSpan ConnectRetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Adds an Orleans client of the compute cluster and the API's services. <c>Compute:Mode=embedded</c>: the
    /// silos' gateways are <c>Compute:Client:Gateways</c> and the index is the SQLite file in
    /// <c>Compute:DataDirectory</c>. <c>Compute:Mode=cluster</c>: the gateways of the live silos are read from the
    /// PostgreSQL database (<c>ConnectionStrings:Compute</c>, Orleans' ADO.NET gateway list), followed as silos come
    /// and go, and the index is the one in that database. <c>Compute:ServiceId</c>, <c>Compute:ClusterId</c> and the
    /// catalog must be the silos'.
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
        var cluster = IsCluster(options.Mode);

        var services = builder.Services;
        services.AddSingleton(Options.Create(options));
        services.AddComputeApi(configuration);
        services.AddOrleansComputeConsole(configuration);
        services.Configure<CatalogOptions>(configuration.GetSection(CatalogOptions.SectionName));
        services.AddSingleton<ComputeCatalog>();
        var connection = new GatewayConnection();
        services.AddSingleton(connection);
        var database = AddIndexReader(services, configuration, options, cluster);
        // identity mode: the same users and token keys as the silos (the database in cluster mode, the shared data
        // directory in embedded mode).
        IdentityHosting.AddBuiltInIdentity(services, configuration, Path.GetFullPath(options.DataDirectory), cluster);

        builder.UseOrleansClient(orleans =>
        {
            orleans.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = options.ClusterId;
                o.ServiceId = options.ServiceId;
            });
            if (database is not null)
            {
                if (client.Gateways.Count > 0)
                {
                    throw new InvalidOperationException(
                        $"Compute:Client:Gateways is for Compute:Mode '{ComputeModes.Embedded}'; in '{ComputeModes.Cluster}' mode a front finds the silos' gateways in the database.");
                }

                orleans.UseAdoNetClustering(o =>
                {
                    o.Invariant = PostgresComputeDatabase.OrleansInvariant;
                    o.ConnectionString = database.ConnectionString;
                });
            }
            else
            {
                orleans.UseStaticClustering(client.Gateways.Count > 0
                    ? client.Gateways.Select(ParseGateway).ToArray()
                    : [new IPEndPoint(IPAddress.Loopback, options.GatewayPort)]);
            }

            // A front may start before any silo (a Kubernetes rollout): keep trying until one answers or the host stops.
            orleans.UseConnectionRetryFilter(async (_, cancellationToken) =>
            {
                await Task.Delay(ConnectRetryDelay, cancellationToken);
                return true;
            });
            orleans.AddClusterConnectionLostHandler((_, _) => connection.Lost());
            orleans.AddGatewayCountChangedHandler((_, e) => connection.GatewaysChanged(e.NumberOfConnectedGateways));
            ComputeEventStreams.AddToClient(orleans);
        });
        Telemetry.ComputeTelemetryHosting.AddToClient(builder);
        return builder;
    }

    private static bool IsCluster(string mode)
    {
        if (string.Equals(mode, ComputeModes.Cluster, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return string.Equals(mode, ComputeModes.Embedded, StringComparison.OrdinalIgnoreCase)
            ? false
            : throw new InvalidOperationException($"Compute:Mode '{mode}' is not supported; use '{ComputeModes.Embedded}' or '{ComputeModes.Cluster}'.");
    }

    /// <summary>
    /// The index the list endpoints read: the same database the silos write, and the readiness probe's database.
    /// Returns cluster mode's database (null in embedded mode).
    /// </summary>
    private static PostgresComputeDatabase? AddIndexReader(IServiceCollection services, IConfiguration configuration, ComputeOptions options, bool cluster)
    {
        if (cluster)
        {
            var database = new PostgresComputeDatabase(ComputeConnectionStrings.Require(configuration));
            services.AddSingleton(database);
            services.AddSingleton<IServerIndex>(sp => new PostgresServerIndex(sp.GetRequiredService<PostgresComputeDatabase>()));
            ComputeHealthChecks.AddFront(services, _ => database.DataSource);
            return database;
        }

        var file = Path.Combine(Path.GetFullPath(options.DataDirectory), "compute.db");
        services.AddSingleton(_ => new SqliteComputeDatabase(file));
        services.AddSingleton<IServerIndex>(sp => new SqliteServerIndex(sp.GetRequiredService<SqliteComputeDatabase>()));
        ComputeHealthChecks.AddFront(services, sp => sp.GetRequiredService<SqliteComputeDatabase>().ReadDataSource);
        return null;
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

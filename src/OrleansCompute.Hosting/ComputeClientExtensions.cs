using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
    /// catalog must be the silos'. Calling it again registers nothing twice; only its <paramref name="configure"/> applies.
    /// </summary>
    /// <param name="builder">The application's host builder.</param>
    /// <param name="configure">Choices made in code (gateways); they win over configuration.</param>
    public static IHostApplicationBuilder AddOrleansComputeClient(this IHostApplicationBuilder builder, Action<ComputeClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (!services.Any(service => service.ServiceType == typeof(GatewayConnection)))
        {
            AddClient(builder);
        }

        if (configure is not null)
        {
            services.PostConfigure(configure);
        }

        return builder;
    }

    private static void AddClient(IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var cluster = ComputeModes.IsCluster(ComputeOptionsRegistration.ReadForRegistration(configuration).Mode);
        var services = builder.Services;
        ComputeOptionsRegistration.Add(services);
        services.AddOptions<ComputeClientOptions>().BindConfiguration(ComputeClientOptions.SectionName)
            .Validate(o => o.Gateways.All(IsGateway), "Compute:Client:Gateways: every entry is host:port.")
            .Validate<IOptions<ComputeOptions>>(
                (o, compute) => o.Gateways.Count == 0 || !ComputeModes.IsCluster(compute.Value.Mode),
                $"Compute:Client:Gateways is for Compute:Mode '{ComputeModes.Embedded}'; in '{ComputeModes.Cluster}' mode a front finds the silos' gateways in the database.")
            .ValidateOnStart();
        services.AddComputeApi(configuration);
        // The silos' probing, read (not used) here: the 503s' Retry-After is the time they take to route around a death.
        ComputeMembership.Add(services);
        VolumeHosting.AddIndex(services);
        ComputeGrainOptions.AddCatalog(services, configuration);
        services.AddOrleansComputeConsole(configuration);
        services.AddSingleton<ComputeCatalog>();
        var connection = new GatewayConnection();
        services.AddSingleton(connection);
        AddIndexReader(services, cluster);
        // The network service's index, beside the server index (issue 16): a front reads its lists too.
        services.TryAddSingleton(sp => OrleansCompute.Persistence.Index.NeutronIndexes.Beside(sp.GetRequiredService<Indexing.IServerIndex>()));
        // The image lists' index, in the same database.
        services.TryAddSingleton(sp => OrleansCompute.Persistence.Images.ImageIndexes.Beside(sp.GetRequiredService<Indexing.IServerIndex>()));
        // identity mode: the same users and token keys as the silos (the database in cluster mode, the shared data
        // directory in embedded mode).
        IdentityHosting.AddBuiltInIdentity(services, configuration, cluster);

        builder.UseOrleansClient(orleans =>
        {
            ComputeClusterIdentity.Configure(orleans.Services);
            if (cluster)
            {
                orleans.UseAdoNetClustering(o => o.Configure<PostgresComputeDatabase>((clustering, database) =>
                {
                    clustering.Invariant = PostgresComputeDatabase.OrleansInvariant;
                    clustering.ConnectionString = database.ConnectionString;
                }));
            }
            else
            {
                orleans.UseStaticClustering(o => o.Configure<IOptions<ComputeClientOptions>, IOptions<ComputeOptions>>((gateways, client, compute) =>
                    gateways.Gateways = [.. (client.Value.Gateways.Count > 0
                        ? client.Value.Gateways.Select(ParseGateway)
                        : [new IPEndPoint(IPAddress.Loopback, compute.Value.GatewayPort)]).Select(endpoint => endpoint.ToGatewayUri())]));
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
    }

    /// <summary>
    /// The index the list endpoints read: the same database the silos write, and the readiness probe's database.
    /// </summary>
    private static void AddIndexReader(IServiceCollection services, bool cluster)
    {
        ImageDataHosting.Add(services, cluster);
        if (cluster)
        {
            services.AddSingleton(sp => new PostgresComputeDatabase(ComputeConnectionStrings.Require(sp.GetRequiredService<IConfiguration>())));
            services.AddSingleton<IServerIndex>(sp => new PostgresServerIndex(sp.GetRequiredService<PostgresComputeDatabase>()));
            ComputeHealthChecks.AddFront(services, sp => sp.GetRequiredService<PostgresComputeDatabase>().DataSource);
            return;
        }

        services.AddSingleton(sp => new SqliteComputeDatabase(EmbeddedHosting.DatabaseFile(sp.GetRequiredService<IOptions<ComputeOptions>>().Value)));
        services.AddSingleton<IServerIndex>(sp => new SqliteServerIndex(sp.GetRequiredService<SqliteComputeDatabase>()));
        ComputeHealthChecks.AddFront(services, sp => sp.GetRequiredService<SqliteComputeDatabase>().ReadDataSource);
    }

    /// <summary>Whether a gateway entry is <c>address:port</c> or <c>host:port</c> (the host is resolved when the client starts).</summary>
    private static bool IsGateway(string gateway)
    {
        if (IPEndPoint.TryParse(gateway, out var endpoint) && endpoint.Port != 0)
        {
            return true;
        }

        var colon = gateway.LastIndexOf(':');
        return colon > 0 && int.TryParse(gateway[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture, out var port) && port is > 0 and <= IPEndPoint.MaxPort;
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

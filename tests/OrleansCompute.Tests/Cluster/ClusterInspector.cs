using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using OrleansCompute.Persistence.Postgres;
using OrleansCompute.Scheduling;
using OrleansCompute.Servers;

namespace OrleansCompute.Tests.Cluster;

/// <summary>
/// An external Orleans client of the cluster under test (ADO.NET gateway list from the same database), used only
/// to see where grains live, so that a test kills the silo that really holds in-flight servers, and what the hosts hold.
/// </summary>
public sealed class ClusterInspector : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterInspector(IHost host) => _host = host;

    private IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    public static async Task<ClusterInspector> ConnectAsync(string connectionString, string clusterId = "orleans-compute", string serviceId = "orleans-compute")
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = clusterId;
                o.ServiceId = serviceId;
            });
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = PostgresComputeDatabase.OrleansInvariant;
                o.ConnectionString = connectionString;
            });
        });
        var host = builder.Build();
        await host.StartAsync();
        return new ClusterInspector(host);
    }

    /// <summary>The silo-to-silo port of the silo where the server's grain is active, or null when it is not active.</summary>
    public async Task<int?> SiloPortOfAsync(Guid serverId)
    {
        var management = Client.GetGrain<IManagementGrain>(0);
        var address = await management.GetActivationAddress(Client.GetGrain<IServerGrain>(serverId));
        return address?.Endpoint.Port;
    }

    /// <summary>How many claims the hosts hold, in all (each server placed holds one).</summary>
    public async Task<int> HostClaimsAsync(IEnumerable<string> hosts)
    {
        var claims = 0;
        foreach (var host in hosts)
        {
            claims += (await Client.GetGrain<IHostGrain>(host).GetUsageAsync()).Consumers;
        }

        return claims;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}

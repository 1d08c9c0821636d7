using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace OrleansCompute.Hosting;

/// <summary>Orleans' ServiceId and ClusterId from <c>Compute</c>, for silos and clients alike, read when Orleans is built.</summary>
internal static class ComputeClusterIdentity
{
    public static void Configure(IServiceCollection services) =>
        services.AddOptions<ClusterOptions>().Configure<IOptions<ComputeOptions>>((cluster, compute) =>
        {
            cluster.ClusterId = compute.Value.ClusterId;
            cluster.ServiceId = compute.Value.ServiceId;
        });
}

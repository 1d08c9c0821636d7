using OrleansCompute.ServerGroups;

namespace OrleansCompute.Scheduling;

/// <summary>
/// Nova's default weighers, each normalised over the candidates to 0..1 and added: free RAM and free vCPUs
/// (spread servers out), and for soft policies the number of group members on the host (soft-affinity
/// prefers more, soft-anti-affinity fewer). Ties go to the host name, so a pass is deterministic.
/// </summary>
internal static class HostWeigher
{
    public static HostUsage Best(IReadOnlyList<HostUsage> hosts, SchedulingContext context)
    {
        var ram = Normalised(hosts, h => h.FreeRamMb);
        var cpu = Normalised(hosts, h => h.FreeVcpus);
        var members = Normalised(hosts, h => context.GroupHostCounts.GetValueOrDefault(h.Host));
        var groupSign = context.Group?.Policy switch
        {
            ServerGroup.SoftAffinity => 1.0,
            ServerGroup.SoftAntiAffinity => -1.0,
            _ => 0.0,
        };

        // The soft policies weigh more than free resources, as their multipliers make them in practice.
        return hosts
            .Select((h, i) => (Host: h, Weight: ram[i] + cpu[i] + (groupSign * 2 * members[i])))
            .OrderByDescending(x => x.Weight)
            .ThenBy(x => x.Host.Host, StringComparer.Ordinal)
            .First().Host;
    }

    private static double[] Normalised(IReadOnlyList<HostUsage> hosts, Func<HostUsage, double> value)
    {
        var values = hosts.Select(value).ToArray();
        var min = values.Min();
        var max = values.Max();
        return values.Select(v => max > min ? (v - min) / (max - min) : 0).ToArray();
    }
}

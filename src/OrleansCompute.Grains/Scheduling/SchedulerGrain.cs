using System.Net;
using Orleans.Concurrency;
using OrleansCompute.Catalog;
using OrleansCompute.Identity;
using OrleansCompute.Indexing;
using OrleansCompute.ServerGroups;

namespace OrleansCompute.Scheduling;

/// <summary>
/// The scheduler: takes the candidate hosts' usage from this silo's <see cref="HostUsageView"/> (asking a host
/// only when the view has no trusted copy), filters and weighs them for each server of the batch (counting the
/// batch's own tentative placements), then claims on the HostGrains, one call per host. A lost race (a claim
/// refused: the host is read again; or a hard group policy refused by the group) releases what was claimed and
/// tries again; after a few tries the batch fails as a whole (NoValidHost), leaving no claim. NoValidHost is only
/// answered from usage the hosts gave fresh, never from a copy.
/// <para>
/// Reentrant: it keeps nothing of its own between calls (the view is the silo's, and thread-safe), and a stateless
/// worker that is not would let only as many builds schedule at once as the silo has cores, each waiting for its
/// host's durable claim (issue 19: builds fell minutes behind their creates). Racing schedulings are safe as
/// before: the host grain refuses a claim that does not fit, and the scheduler tries again.
/// </para>
/// </summary>
[GrainType("compute-scheduler")]
[StatelessWorker]
[Reentrant]
internal sealed class SchedulerGrain(ComputeCatalog catalog, IServerIndex index, HostUsageView view) : Grain, ISchedulerGrain
{
    private const int Attempts = 4;

    private static readonly CallerContext System = new() { UserId = "scheduler", ProjectId = "scheduler", Roles = ["admin"], RequestId = "scheduler" };

    public async Task<ScheduleResult> ScheduleAsync(ScheduleRequest request)
    {
        var candidates = catalog.Hosts.Select(h => h.Name).ToArray();
        if (request.ForcedHost is { } forced && !candidates.Contains(forced, StringComparer.Ordinal))
        {
            return ScheduleResult.NoValidHost();
        }

        var sameHosts = await HostsOfAsync(request.Hints, "same_host");
        var differentHosts = await HostsOfAsync(request.Hints, "different_host");
        var near = NearNetwork(request.Hints);
        var query = request.Hints.TryGetValue("query", out var queryText) && queryText.Count > 0 ? JsonQueryFilter.Parse(queryText[0]) : null;
        var groupId = request.Hints.TryGetValue("group", out var groupText) && groupText.Count > 0 && Guid.TryParse(groupText[0], out var parsed) ? parsed : (Guid?)null;

        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var group = groupId is { } id ? await GrainFactory.GetGrain<IServerGroupGrain>(id).FindAsync(System) : null;
            var context = new SchedulingContext
            {
                Request = request,
                Group = group,
                GroupHostCounts = GroupHostCounts(group, request.ServerIds),
                SameHosts = sameHosts,
                DifferentHosts = differentHosts,
                NearNetwork = near,
                Query = query,
            };

            var chosen = Choose(request, context, await UsagesAsync(candidates, fresh: false));
            if (chosen is null && !candidates.All(view.IsExact))
            {
                // A copy may be behind a release: only what the hosts say now may refuse the request.
                context.GroupHostCounts.Clear();
                foreach (var (host, count) in GroupHostCounts(group, request.ServerIds))
                {
                    context.GroupHostCounts[host] = count;
                }

                chosen = Choose(request, context, await UsagesAsync(candidates, fresh: true));
            }

            if (chosen is null)
            {
                return ScheduleResult.NoValidHost();
            }

            if (!await ClaimAsync(request, chosen))
            {
                continue;
            }

            if (group is not null && !await GrainFactory.GetGrain<IServerGroupGrain>(group.Id)
                    .AddMembersAsync(chosen.ToDictionary(p => p.ServerId, p => (string?)p.Host), memberLimit: -1))
            {
                await ReleaseAsync(request, chosen);
                continue;
            }

            return new ScheduleResult { Placements = chosen };
        }

        return ScheduleResult.NoValidHost();
    }

    /// <summary>The candidates' usage: from the view where it has a trusted copy (unless <paramref name="fresh"/>), else asked.</summary>
    private async Task<Dictionary<string, HostUsage>> UsagesAsync(IReadOnlyList<string> candidates, bool fresh)
    {
        var usages = new Dictionary<string, HostUsage>(StringComparer.Ordinal);
        var asked = new List<Task<HostUsage>>();
        foreach (var host in candidates)
        {
            if (!fresh || view.IsExact(host))
            {
                if (view.TryGet(host, out var known))
                {
                    usages[host] = known;
                    continue;
                }
            }

            asked.Add(GrainFactory.GetGrain<IHostGrain>(host).GetUsageAsync());
        }

        foreach (var usage in await Task.WhenAll(asked))
        {
            view.Remember(usage);
            usages[usage.Host] = usage;
        }

        return usages;
    }

    public async Task ReleaseEverywhereAsync(IReadOnlyList<string> consumerIds)
    {
        foreach (var host in catalog.Hosts)
        {
            var grain = GrainFactory.GetGrain<IHostGrain>(host.Name);
            foreach (var consumer in consumerIds)
            {
                await grain.ReleaseAsync(consumer);
            }
        }
    }

    private static List<Placement>? Choose(ScheduleRequest request, SchedulingContext context, Dictionary<string, HostUsage> hosts)
    {
        var placements = new List<Placement>(request.ServerIds.Count);
        var flavor = request.Flavor;
        foreach (var serverId in request.ServerIds)
        {
            var passing = hosts.Values.Where(h => HostFilters.Passes(h, context)).ToList();
            if (passing.Count == 0)
            {
                return null;
            }

            var best = HostWeigher.Best(passing, context);
            placements.Add(new Placement { ServerId = serverId, Host = best.Host, Node = best.Node, AvailabilityZone = best.AvailabilityZone });
            hosts[best.Host] = best.Plus(flavor.Vcpus, flavor.RamMb, HostClaimSize.DiskGb(flavor));
            if (context.Group is not null)
            {
                context.GroupHostCounts[best.Host] = context.GroupHostCounts.GetValueOrDefault(best.Host) + 1;
            }
        }

        return placements;
    }

    private async Task<bool> ClaimAsync(ScheduleRequest request, List<Placement> placements)
    {
        var flavor = request.Flavor;
        var byHost = placements.GroupBy(p => p.Host, StringComparer.Ordinal).ToList();
        var claimed = new List<string>();
        foreach (var host in byHost)
        {
            var claims = host.Select(p => HostClaimSize.For(HostClaim.ConsumerFor(p.ServerId) + request.ConsumerSuffix, flavor)).ToList();
            var grain = GrainFactory.GetGrain<IHostGrain>(host.Key);
            if (!await grain.ClaimAsync(claims))
            {
                // The copy this choice came from was behind the host: read it again for the next try.
                view.Remember(await grain.GetUsageAsync());
                await ReleaseAsync(request, placements.Where(p => claimed.Contains(p.Host)).ToList());
                return false;
            }

            view.Claimed(host.Key, claims);
            claimed.Add(host.Key);
        }

        return true;
    }

    private async Task ReleaseAsync(ScheduleRequest request, List<Placement> placements)
    {
        foreach (var placement in placements)
        {
            await GrainFactory.GetGrain<IHostGrain>(placement.Host).ReleaseAsync(HostClaim.ConsumerFor(placement.ServerId) + request.ConsumerSuffix);
        }
    }

    private static Dictionary<string, int> GroupHostCounts(ServerGroup? group, IReadOnlyList<Guid> batch)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        if (group is null)
        {
            return counts;
        }

        foreach (var (serverId, host) in group.Members)
        {
            if (host is not null && !batch.Contains(serverId))
            {
                counts[host] = counts.GetValueOrDefault(host) + 1;
            }
        }

        return counts;
    }

    /// <summary>The hosts of the servers a hint names; servers that do not exist or have no host add none.</summary>
    private async Task<IReadOnlySet<string>?> HostsOfAsync(IReadOnlyDictionary<string, IReadOnlyList<string>> hints, string hint)
    {
        if (!hints.TryGetValue(hint, out var ids) || ids.Count == 0)
        {
            return null;
        }

        var hosts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (Guid.TryParse(id, out var serverId) && await index.FindAsync(serverId) is { Deleted: false, Host: { } host })
            {
                hosts.Add(host);
            }
        }

        return hosts;
    }

    private static (IPAddress, int)? NearNetwork(IReadOnlyDictionary<string, IReadOnlyList<string>> hints)
    {
        if (!hints.TryGetValue("build_near_host_ip", out var ips) || ips.Count == 0 || !IPAddress.TryParse(ips[0], out var address))
        {
            return null;
        }

        var cidr = hints.TryGetValue("cidr", out var cidrs) && cidrs.Count > 0 ? cidrs[0] : "/24";
        return int.TryParse(cidr.TrimStart('/'), out var prefix) ? (address, prefix) : (address, 24);
    }
}

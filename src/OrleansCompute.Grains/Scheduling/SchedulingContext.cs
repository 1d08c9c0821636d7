using System.Net;
using OrleansCompute.ServerGroups;

namespace OrleansCompute.Scheduling;

/// <summary>
/// What the filters of one scheduling pass look at besides a host: the request, the group with its members'
/// hosts (including those of this batch placed so far), and the hosts of the servers named by hints.
/// </summary>
internal sealed class SchedulingContext
{
    public required ScheduleRequest Request { get; init; }
    public ServerGroup? Group { get; init; }
    /// <summary>How many group members each host has, this batch's tentative placements included.</summary>
    public Dictionary<string, int> GroupHostCounts { get; init; } = new(StringComparer.Ordinal);
    /// <summary>Hosts of the servers named by <c>same_host</c>; null when the hint is absent.</summary>
    public IReadOnlySet<string>? SameHosts { get; init; }
    /// <summary>Hosts of the servers named by <c>different_host</c>; null when the hint is absent.</summary>
    public IReadOnlySet<string>? DifferentHosts { get; init; }
    /// <summary>The <c>build_near_host_ip</c> network (with <c>cidr</c>, /24 by default); null when absent.</summary>
    public (IPAddress Address, int PrefixLength)? NearNetwork { get; init; }
    /// <summary>The parsed <c>query</c> hint; null when absent.</summary>
    public System.Text.Json.JsonElement? Query { get; init; }
}

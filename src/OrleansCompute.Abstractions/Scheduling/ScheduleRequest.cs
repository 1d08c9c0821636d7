using OrleansCompute.Servers;

namespace OrleansCompute.Scheduling;

/// <summary>
/// What the scheduler places: one or more servers of one flavor (a multi-create is one batch, placed all or
/// nothing), with the availability zone, forced or requested host, scheduler hints and server group.
/// </summary>
[GenerateSerializer, Immutable, Alias("compute.ScheduleRequest")]
public sealed record ScheduleRequest
{
    [Id(0)] public required string ProjectId { get; init; }
    [Id(1)] public required IReadOnlyList<Guid> ServerIds { get; init; }
    [Id(2)] public required FlavorSnapshot Flavor { get; init; }
    [Id(3)] public string? AvailabilityZone { get; init; }
    /// <summary>A host forced by an admin with <c>az:host[:node]</c>; the filters are skipped, capacity is not.</summary>
    [Id(4)] public string? ForcedHost { get; init; }
    [Id(5)] public string? ForcedNode { get; init; }
    /// <summary>The 2.74 <c>host</c> / <c>hypervisor_hostname</c>: a destination the filters still check.</summary>
    [Id(6)] public string? RequestedHost { get; init; }
    [Id(7)] public string? RequestedNode { get; init; }
    [Id(8)] public IReadOnlyDictionary<string, IReadOnlyList<string>> Hints { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
    /// <summary>Hosts not to use (a resize away from the current host).</summary>
    [Id(9)] public IReadOnlyList<string> IgnoreHosts { get; init; } = [];
    /// <summary>The consumer suffix of the claims (empty for a build; e.g. <c>:resize</c> for a second claim).</summary>
    [Id(10)] public string ConsumerSuffix { get; init; } = "";
}

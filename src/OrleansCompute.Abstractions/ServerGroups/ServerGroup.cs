namespace OrleansCompute.ServerGroups;

/// <summary>A server group (<c>/os-server-groups</c>): a scheduling policy over its members.</summary>
[GenerateSerializer, Immutable, Alias("compute.ServerGroup")]
public sealed record ServerGroup
{
    public const string Affinity = "affinity";
    public const string AntiAffinity = "anti-affinity";
    public const string SoftAffinity = "soft-affinity";
    public const string SoftAntiAffinity = "soft-anti-affinity";

    public static readonly IReadOnlyList<string> Policies = [Affinity, AntiAffinity, SoftAffinity, SoftAntiAffinity];

    [Id(0)] public required Guid Id { get; init; }
    [Id(1)] public required string Name { get; init; }
    [Id(2)] public required string Policy { get; init; }
    [Id(3)] public required string ProjectId { get; init; }
    [Id(4)] public required string UserId { get; init; }
    /// <summary>The anti-affinity rule <c>max_server_per_host</c> (2.64); null when not given.</summary>
    [Id(5)] public int? MaxServerPerHost { get; init; }
    /// <summary>Members and the host each was placed on (null until placed).</summary>
    [Id(6)] public IReadOnlyDictionary<Guid, string?> Members { get; init; } = new Dictionary<Guid, string?>();
}

namespace OrleansCompute.Servers;

/// <summary>
/// The fields of <c>PUT /servers/{id}</c>, already validated by the API. A null field is left as it is; the two
/// fields that may be cleared with null say whether they were given at all.
/// </summary>
[GenerateSerializer, Immutable, Alias("compute.ServerUpdate")]
public sealed record ServerUpdate
{
    [Id(0)] public string? Name { get; init; }
    [Id(1)] public bool DescriptionGiven { get; init; }
    [Id(2)] public string? Description { get; init; }
    [Id(3)] public string? AccessIPv4 { get; init; }
    [Id(4)] public string? AccessIPv6 { get; init; }
    /// <summary><c>AUTO</c> or <c>MANUAL</c>.</summary>
    [Id(5)] public string? DiskConfig { get; init; }
    /// <summary>2.90+.</summary>
    [Id(6)] public string? Hostname { get; init; }
    /// <summary>2.104+: whether pinned_availability_zone was given (null unpins).</summary>
    [Id(7)] public bool PinnedAvailabilityZoneGiven { get; init; }
    [Id(8)] public string? PinnedAvailabilityZone { get; init; }
}

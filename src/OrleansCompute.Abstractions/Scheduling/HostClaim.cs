namespace OrleansCompute.Scheduling;

/// <summary>
/// Resources one consumer holds on a host. The consumer id is the server id, or the server id with a suffix
/// for a second claim of the same server (a resize to the same host holds both sizes until it is confirmed).
/// </summary>
[GenerateSerializer, Immutable, Alias("compute.HostClaim")]
public sealed record HostClaim
{
    [Id(0)] public required string ConsumerId { get; init; }
    [Id(1)] public required int Vcpus { get; init; }
    [Id(2)] public required int RamMb { get; init; }
    [Id(3)] public required int DiskGb { get; init; }

    /// <summary>When the host recorded the claim (its reconciler leaves younger claims alone); null in older stored claims.</summary>
    [Id(4)] public DateTimeOffset? ClaimedAt { get; init; }

    public static string ConsumerFor(Guid serverId) => serverId.ToString();
}

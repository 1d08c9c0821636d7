using OrleansCompute.Servers;

namespace OrleansCompute.Reservations;

/// <summary>
/// A validated create of one server or several: the command every member shares (its name is the base name),
/// the counts, the quota figures, the addresses to reserve and the group's member limit. The create saga turns
/// it into members named and numbered as Nova does.
/// </summary>
[GenerateSerializer, Immutable, Alias("compute.ReservationRequest")]
public sealed record ReservationRequest
{
    [Id(0)] public required CreateServerCommand Template { get; init; }
    [Id(1)] public required int MinCount { get; init; }
    [Id(2)] public required int MaxCount { get; init; }
    [Id(3)] public int MetadataItems { get; init; }
    [Id(4)] public int InjectedFiles { get; init; }
    [Id(5)] public int LongestInjectedFilePath { get; init; }
    [Id(6)] public int LargestInjectedFileContent { get; init; }
    /// <summary>Networks asked for by fixed IP or port: reserved for the server before it is accepted (409 when taken).</summary>
    [Id(7)] public IReadOnlyList<NetworkRequest> FixedAddresses { get; init; } = [];
    /// <summary>The group's server_group_members limit, when the create joins a group (-1: none).</summary>
    [Id(8)] public int GroupMemberLimit { get; init; } = -1;
}

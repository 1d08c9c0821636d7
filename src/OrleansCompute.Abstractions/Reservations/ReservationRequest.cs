using OrleansCompute.Servers;

namespace OrleansCompute.Reservations;

/// <summary>
/// A validated multi-create: the command every member shares (its name is the base name), the counts, and
/// the quota figures. The reservation turns it into members named and numbered as Nova does.
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
}

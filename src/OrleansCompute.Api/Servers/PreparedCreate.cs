using OrleansCompute.Servers;

namespace OrleansCompute.Api.Servers;

/// <summary>
/// A create whose references are resolved: the command every server of the request shares (its name is the
/// base name, its id fields are filled in per server), and the figures the quota claim checks.
/// </summary>
internal sealed record PreparedCreate
{
    public required CreateServerCommand Template { get; init; }
    public required int MinCount { get; init; }
    public required int MaxCount { get; init; }
    public int MetadataItems { get; init; }
    public int InjectedFiles { get; init; }
    public int LongestInjectedFilePath { get; init; }
    public int LargestInjectedFileContent { get; init; }
    /// <summary>Networks asked for by fixed IP or port: reserved for the server before it is accepted.</summary>
    public IReadOnlyList<NetworkRequest> Reservations { get; init; } = [];
    /// <summary>The group's server_group_members limit, when the create joins a group.</summary>
    public int GroupMemberLimit { get; init; } = -1;
}

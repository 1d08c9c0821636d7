using OrleansCompute.Servers;

namespace OrleansCompute.Api.Servers;

/// <summary>A create request after schema validation, before its references are resolved.</summary>
internal sealed record CreateServerRequest
{
    public required string Name { get; init; }
    public required string FlavorRef { get; init; }
    public string? ImageRef { get; init; }
    public string? AdminPass { get; init; }
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<NetworkRequest> Networks { get; init; } = [];
    public bool AutoAllocateNetwork { get; init; } = true;
    public string AccessIPv4 { get; init; } = "";
    public string AccessIPv6 { get; init; } = "";
    public string? DiskConfig { get; init; }
    public string? AvailabilityZone { get; init; }
    public bool ConfigDrive { get; init; }
    public string? KeyName { get; init; }
    /// <summary>The security groups as sent (duplicates included): create's response echoes them.</summary>
    public IReadOnlyList<string> SecurityGroups { get; init; } = ["default"];
    public string? UserData { get; init; }
    public string? Description { get; init; }
    public bool DescriptionGiven { get; init; }
    public int MinCount { get; init; } = 1;
    public int MaxCount { get; init; } = 1;
    public bool ReturnReservationId { get; init; }
    public IReadOnlyDictionary<string, IReadOnlyList<string>> SchedulerHints { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
}

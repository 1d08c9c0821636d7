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
    /// <summary><c>networks: "auto"</c> (2.37+, get-me-a-network): no network to use is a 400, where an empty or absent list boots without one.</summary>
    public bool GetMeANetwork { get; init; }
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
    /// <summary>True from 2.19, where the description is the caller's (null when absent); below it the name stands in.</summary>
    public bool DescriptionGiven { get; init; }
    public int MinCount { get; init; } = 1;
    public int MaxCount { get; init; } = 1;
    public bool ReturnReservationId { get; init; }
    public IReadOnlyDictionary<string, IReadOnlyList<string>> SchedulerHints { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
    public IReadOnlyList<BlockDeviceRequest> BlockDevices { get; init; } = [];
    /// <summary>Personality files (until 2.56): path and the decoded content's length.</summary>
    public IReadOnlyList<(string Path, int ContentBytes)> Personality { get; init; } = [];
    public IReadOnlyList<string> Tags { get; init; } = [];
    public IReadOnlyList<string>? TrustedImageCertificates { get; init; }
    /// <summary>The 2.90 <c>hostname</c>; null when not given (it then comes from the display name).</summary>
    public string? Hostname { get; init; }
    /// <summary>The 2.74 requested destination.</summary>
    public string? Host { get; init; }
    public string? HypervisorHostname { get; init; }
    /// <summary>The host and node of the admin-only <c>az:host:node</c> form.</summary>
    public string? ForcedHost { get; init; }
    public string? ForcedNode { get; init; }
}

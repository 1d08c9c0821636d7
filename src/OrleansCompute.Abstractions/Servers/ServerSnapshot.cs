using System.Text.Json.Serialization;

namespace OrleansCompute.Servers;

/// <summary>
/// Everything the API shows about one server, as owned by its ServerGrain. It is the grain's reply to a read
/// and the payload of the server index row, so list detail renders without calling grains.
/// Property ids are the wire contract between silos: never reuse or renumber them, only append.
/// </summary>
[GenerateSerializer, Immutable, Alias("compute.ServerSnapshot")]
public sealed record ServerSnapshot
{
    [Id(0)] public required Guid Id { get; init; }
    [Id(1)] public required string ProjectId { get; init; }
    [Id(2)] public required string UserId { get; init; }
    [Id(3)] public required string Name { get; init; }
    [Id(4)] public string? Description { get; init; }
    /// <summary>The image id, or the empty string for a server booted from a volume.</summary>
    [Id(5)] public required string ImageRef { get; init; }
    [Id(6)] public required FlavorSnapshot Flavor { get; init; }
    [Id(7)] public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
    [Id(8)] public required string VmState { get; init; }
    [Id(9)] public string? TaskState { get; init; }
    [Id(10)] public int PowerState { get; init; }
    [Id(11)] public int Progress { get; init; }
    [Id(12)] public required DateTimeOffset CreatedAt { get; init; }
    [Id(13)] public required DateTimeOffset UpdatedAt { get; init; }
    [Id(14)] public DateTimeOffset? LaunchedAt { get; init; }
    [Id(15)] public DateTimeOffset? TerminatedAt { get; init; }
    [Id(16)] public DateTimeOffset? DeletedAt { get; init; }
    [Id(17)] public string AccessIPv4 { get; init; } = "";
    [Id(18)] public string AccessIPv6 { get; init; } = "";
    [Id(19)] public string DiskConfig { get; init; } = "MANUAL";
    [Id(20)] public string AvailabilityZone { get; init; } = "";
    [Id(21)] public bool ConfigDrive { get; init; }
    [Id(22)] public string? KeyName { get; init; }
    [Id(23)] public IReadOnlyList<string> SecurityGroups { get; init; } = [];
    [Id(24)] public IReadOnlyList<ServerAddress> Addresses { get; init; } = [];
    [Id(25)] public string? Host { get; init; }
    [Id(26)] public string? Node { get; init; }
    [Id(27)] public required string InstanceName { get; init; }
    [Id(28)] public required string Hostname { get; init; }
    [Id(29)] public required string ReservationId { get; init; }
    [Id(30)] public int LaunchIndex { get; init; }
    [Id(31)] public string? UserData { get; init; }
    [Id(32)] public bool Locked { get; init; }
    [Id(33)] public string? LockedBy { get; init; }
    [Id(34)] public string? LockedReason { get; init; }
    [Id(35)] public IReadOnlyList<string> Tags { get; init; } = [];
    [Id(36)] public ServerFault? Fault { get; init; }
    [Id(37)] public IReadOnlyList<string>? TrustedImageCertificates { get; init; }
    [Id(38)] public IReadOnlyList<string> ServerGroups { get; init; } = [];
    [Id(39)] public IReadOnlyDictionary<string, IReadOnlyList<string>> SchedulerHints { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
    [Id(40)] public string? PinnedAvailabilityZone { get; init; }
    /// <summary>Raised by one on every committed change; the server index keeps only the highest.</summary>
    [Id(41)] public long Revision { get; init; }
    [Id(42)] public bool Deleted { get; init; }
    /// <summary>The volumes on the server (block storage), in attach order; a high id so that other appended fields keep theirs.</summary>
    [Id(70)] public IReadOnlyList<OrleansCompute.Volumes.ServerVolume> Volumes { get; init; } = [];

    /// <summary>The API status derived from the states, as Nova derives it.</summary>
    [JsonIgnore]
    public string Status => ServerStatusMapper.ToStatus(VmState, TaskState, Deleted);
}

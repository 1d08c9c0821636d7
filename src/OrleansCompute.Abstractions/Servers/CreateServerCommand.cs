using OrleansCompute.Identity;

namespace OrleansCompute.Servers;

/// <summary>
/// A validated create request for one server: the API has checked the body and resolved the flavor and image.
/// </summary>
[GenerateSerializer, Immutable, Alias("compute.CreateServerCommand")]
public sealed record CreateServerCommand
{
    [Id(0)] public required CallerContext Caller { get; init; }
    [Id(1)] public required string Name { get; init; }
    [Id(2)] public string? Description { get; init; }
    [Id(3)] public required string ImageRef { get; init; }
    [Id(4)] public required FlavorSnapshot Flavor { get; init; }
    [Id(5)] public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
    /// <summary>The requested networks; empty with <see cref="AutoAllocateNetwork"/> false means "none".</summary>
    [Id(6)] public IReadOnlyList<NetworkRequest> Networks { get; init; } = [];
    [Id(7)] public bool AutoAllocateNetwork { get; init; } = true;
    [Id(8)] public string AccessIPv4 { get; init; } = "";
    [Id(9)] public string AccessIPv6 { get; init; } = "";
    [Id(10)] public string DiskConfig { get; init; } = "MANUAL";
    [Id(11)] public string? AvailabilityZone { get; init; }
    [Id(12)] public bool ConfigDrive { get; init; }
    [Id(13)] public string? KeyName { get; init; }
    [Id(14)] public IReadOnlyList<string> SecurityGroups { get; init; } = ["default"];
    [Id(15)] public string? UserData { get; init; }
    [Id(16)] public IReadOnlyList<string> Tags { get; init; } = [];
    [Id(17)] public IReadOnlyList<string>? TrustedImageCertificates { get; init; }
    [Id(18)] public IReadOnlyDictionary<string, IReadOnlyList<string>> SchedulerHints { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
    [Id(19)] public required string ReservationId { get; init; }
    [Id(20)] public int LaunchIndex { get; init; }
    [Id(21)] public required string Hostname { get; init; }
    /// <summary>Where and how to schedule the server (flavor, zone, forced or requested host, hints, group).</summary>
    [Id(22)] public OrleansCompute.Scheduling.ScheduleRequest? Scheduling { get; init; }
    /// <summary>Set by a reservation that placed its batch: the server is built there without scheduling.</summary>
    [Id(23)] public OrleansCompute.Scheduling.Placement? Placement { get; init; }
    /// <summary>Set by a reservation whose batch could not be placed: the server goes straight to ERROR.</summary>
    [Id(24)] public string? SchedulingFailure { get; init; }
    /// <summary>The server group the server joins (the <c>group</c> scheduler hint), if any.</summary>
    [Id(25)] public Guid? ServerGroupId { get; init; }

    /// <summary>The volumes of <c>block_device_mapping_v2</c> (boot from volume): attached at create.</summary>
    [Id(26)] public IReadOnlyList<OrleansCompute.Volumes.BootVolume> BootVolumes { get; init; } = [];
}

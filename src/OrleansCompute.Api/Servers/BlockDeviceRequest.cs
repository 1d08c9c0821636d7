namespace OrleansCompute.Api.Servers;

/// <summary>One entry of <c>block_device_mapping_v2</c> (or a legacy entry in the same terms) after the schema.</summary>
internal sealed record BlockDeviceRequest
{
    public required string SourceType { get; init; }
    public string? DestinationType { get; init; }
    public string? Uuid { get; init; }
    public int? BootIndex { get; init; }
    public int? VolumeSize { get; init; }
    public string? GuestFormat { get; init; }
    public string? DeviceName { get; init; }
    public string? DiskBus { get; init; }
    public string? DeviceType { get; init; }
    public string? VolumeType { get; init; }
    public bool DeleteOnTermination { get; init; }
    public string? Tag { get; init; }
    public bool NoDevice { get; init; }

    public bool IsLocal => DestinationType is null or "local";
    public bool IsSwap => SourceType == "blank" && IsLocal && GuestFormat == "swap";
    public bool IsEphemeral => SourceType == "blank" && IsLocal && GuestFormat != "swap";
}

namespace OrleansCompute.Servers.Actions;

/// <summary>
/// What a validated rebuild changes. A null member is "not given" (left as it is); the <c>Clear*</c> flags say
/// that the request explicitly set a nullable field to null (key_name, user_data, trusted certificates).
/// </summary>
[GenerateSerializer, Immutable, Alias("compute.RebuildSpec")]
public sealed record RebuildSpec
{
    [Id(0)] public required string ImageRef { get; init; }
    [Id(1)] public string? Name { get; init; }
    [Id(2)] public IReadOnlyDictionary<string, string>? Metadata { get; init; }
    [Id(3)] public bool PreserveEphemeral { get; init; }
    [Id(4)] public string? DiskConfig { get; init; }
    [Id(5)] public string? AccessIPv4 { get; init; }
    [Id(6)] public string? AccessIPv6 { get; init; }
    [Id(7)] public bool DescriptionGiven { get; init; }
    [Id(8)] public string? Description { get; init; }
    [Id(9)] public bool KeyNameGiven { get; init; }
    [Id(10)] public string? KeyName { get; init; }
    [Id(11)] public bool UserDataGiven { get; init; }
    [Id(12)] public string? UserData { get; init; }
    [Id(13)] public bool TrustedCertificatesGiven { get; init; }
    [Id(14)] public IReadOnlyList<string>? TrustedImageCertificates { get; init; }
    [Id(15)] public string? Hostname { get; init; }

    /// <summary>2.93: a volume-backed server is rebuilt by re-imaging its boot volume (refused below).</summary>
    [Id(16)] public bool ReimageBootVolume { get; init; }
}

namespace OrleansCompute.Volumes;

/// <summary>A volume or snapshot update: each field given replaces the stored one (metadata replaces all metadata).</summary>
[GenerateSerializer, Immutable, Alias("compute.VolumeUpdate")]
public sealed record VolumeUpdate
{
    [Id(0)] public bool SetName { get; init; }
    [Id(1)] public string? Name { get; init; }
    [Id(2)] public bool SetDescription { get; init; }
    [Id(3)] public string? Description { get; init; }
    [Id(4)] public IReadOnlyDictionary<string, string>? Metadata { get; init; }
    /// <summary>Items merged into the metadata (the metadata routes' POST and PUT of one key).</summary>
    [Id(5)] public IReadOnlyDictionary<string, string>? MergeMetadata { get; init; }
    /// <summary>A key removed from the metadata; 404 when it is not there.</summary>
    [Id(6)] public string? RemoveMetadataKey { get; init; }
}

namespace OrleansCompute.Images;

/// <summary>What the stored data of a finished upload measured: Glance's size, checksum and multihash.</summary>
[GenerateSerializer, Immutable, Alias("compute.ImageUpload")]
public sealed record ImageUpload
{
    [Id(0)] public required long SizeBytes { get; init; }
    [Id(1)] public required string Md5 { get; init; }
    [Id(2)] public required string HashAlgorithm { get; init; }
    [Id(3)] public required string HashValue { get; init; }
}

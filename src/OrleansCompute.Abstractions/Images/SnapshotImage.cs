using OrleansCompute.Catalog;

namespace OrleansCompute.Images;

/// <summary>
/// An image made from a server by createImage / createBackup: Nova's Glance record. It is SAVING while the
/// snapshot runs, ACTIVE (and bootable) once it finished; a failed snapshot deletes it. Private to its owner
/// project, as Glance makes a snapshot.
/// </summary>
[GenerateSerializer, Immutable, Alias("compute.SnapshotImage")]
public sealed record SnapshotImage
{
    public const string Saving = "SAVING";
    public const string Active = "ACTIVE";

    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Name { get; init; }
    [Id(2)] public required string Status { get; init; }
    /// <summary>The project of the server it was made from: the only project (besides admins) that sees it.</summary>
    [Id(3)] public required string OwnerProjectId { get; init; }
    [Id(4)] public int MinDiskGb { get; init; }
    [Id(5)] public int MinRamMb { get; init; }
    [Id(6)] public long SizeBytes { get; init; }
    [Id(7)] public DateTimeOffset Created { get; init; }
    [Id(8)] public DateTimeOffset Updated { get; init; }
    [Id(9)] public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    public bool IsActive => string.Equals(Status, Active, StringComparison.Ordinal);

    /// <summary>The catalog's shape, which every reader of images (validation, views, endpoints) takes.</summary>
    public ImageDefinition ToDefinition() => new()
    {
        Id = Id,
        Name = Name,
        Status = Status,
        MinDiskGb = MinDiskGb,
        MinRamMb = MinRamMb,
        SizeBytes = SizeBytes,
        Created = Created,
        Updated = Updated,
        OwnerProjectId = OwnerProjectId,
        Metadata = new Dictionary<string, string>(Metadata, StringComparer.Ordinal),
    };
}

using OrleansCompute.Catalog;

namespace OrleansCompute.Images;

/// <summary>
/// One image record of the image service (Glance's image): made by createImage / createBackup / shelve (SAVING, then
/// ACTIVE; a failed snapshot deletes it) or by a user through <c>/image/v2</c> (QUEUED, SAVING while its data is
/// uploaded, then ACTIVE). The data itself is never here: it lives in the <see cref="IImageDataStore"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("compute.SnapshotImage")]
public sealed record SnapshotImage
{
    public const string Queued = "QUEUED";
    public const string Saving = "SAVING";
    public const string Active = "ACTIVE";
    /// <summary>Data staged for the interoperable import (<c>PUT /stage</c>), or being staged.</summary>
    public const string Uploading = "UPLOADING";
    /// <summary>A <c>glance-direct</c> import is turning the staged data into the image's data.</summary>
    public const string Importing = "IMPORTING";
    /// <summary>An admin blocked its data (<c>actions/deactivate</c>): still listed, no boot, no download for others.</summary>
    public const string Deactivated = "DEACTIVATED";

    [Id(0)] public required string Id { get; init; }
    /// <summary>Glance's name; null when never given (shown as null).</summary>
    [Id(1)] public required string? Name { get; init; }
    [Id(2)] public required string Status { get; init; }
    /// <summary>Glance's <c>owner</c>: the project that may change it; empty for the configured (public) images.</summary>
    [Id(3)] public required string OwnerProjectId { get; init; }
    [Id(4)] public int MinDiskGb { get; init; }
    [Id(5)] public int MinRamMb { get; init; }
    /// <summary>Bytes of data (the uploaded data, or what the snapshot inherited); see <see cref="SizeKnown"/>.</summary>
    [Id(6)] public long SizeBytes { get; init; }
    [Id(7)] public DateTimeOffset Created { get; init; }
    [Id(8)] public DateTimeOffset Updated { get; init; }
    /// <summary>Glance's additional properties: every value a string.</summary>
    [Id(9)] public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
    [Id(10)] public string Visibility { get; init; } = ImageVisibility.Private;
    [Id(11)] public bool Protected { get; init; }
    [Id(12)] public bool Hidden { get; init; }
    [Id(13)] public string? DiskFormat { get; init; }
    [Id(14)] public string? ContainerFormat { get; init; }
    /// <summary>MD5 of the uploaded data (hex).</summary>
    [Id(15)] public string? Checksum { get; init; }
    [Id(16)] public string? HashAlgorithm { get; init; }
    [Id(17)] public string? HashValue { get; init; }
    [Id(18)] public IReadOnlyList<string> Tags { get; init; } = [];
    [Id(19)] public IReadOnlyList<ImageMember> Members { get; init; } = [];
    /// <summary>False while a queued image has no data: Glance shows <c>size</c> null then.</summary>
    [Id(20)] public bool SizeKnown { get; init; } = true;
    /// <summary>Whether data was stored for it (a download then serves it; otherwise 204).</summary>
    [Id(21)] public bool HasData { get; init; }
    /// <summary>The upload in flight while SAVING from <c>PUT /file</c>: only its own completion may end it.</summary>
    [Id(22)] public string? UploadId { get; init; }
    /// <summary>What the finished <c>PUT /stage</c> measured (its data is already in the store): the import makes it the image's.</summary>
    [Id(23)] public ImageUpload? Staged { get; init; }

    public bool IsActive => string.Equals(Status, Active, StringComparison.Ordinal);

    /// <summary>Whether its data is final (ACTIVE, or DEACTIVATED since): a snapshot's end or failure no longer changes it.</summary>
    public bool IsFinished => IsActive || string.Equals(Status, Deactivated, StringComparison.Ordinal);

    public ImageMember? MemberOf(string projectId) =>
        Members.FirstOrDefault(m => string.Equals(m.ProjectId, projectId, StringComparison.Ordinal));

    /// <summary>The catalog's shape, which every reader of images in the compute API (validation, views) takes.</summary>
    public ImageDefinition ToDefinition() => new()
    {
        Id = Id,
        Name = Name ?? "",
        Status = Status,
        MinDiskGb = MinDiskGb,
        MinRamMb = MinRamMb,
        SizeBytes = SizeBytes,
        Created = Created,
        Updated = Updated,
        OwnerProjectId = OwnerProjectId.Length == 0 ? null : OwnerProjectId,
        Metadata = new Dictionary<string, string>(Metadata, StringComparer.Ordinal),
    };

    /// <summary>A configured image as the image service shows it: public, active, owned by nobody.</summary>
    public static SnapshotImage FromConfigured(ImageDefinition image) => new()
    {
        Id = image.Id,
        Name = image.Name,
        Status = image.Status.ToUpperInvariant(),
        OwnerProjectId = image.OwnerProjectId ?? "",
        MinDiskGb = image.MinDiskGb,
        MinRamMb = image.MinRamMb,
        SizeBytes = image.SizeBytes,
        Created = image.Created,
        Updated = image.Updated ?? image.Created,
        Metadata = image.Metadata,
        Visibility = ImageVisibility.Public,
        DiskFormat = "qcow2",
        ContainerFormat = "bare",
    };
}

using System.Text.Json;
using OrleansCompute.Faults;
using OrleansCompute.Volumes;

namespace OrleansCompute.Api.Volume;

/// <summary>The body of <c>POST /volumes</c> after Cinder's schema (the sources are resolved by <see cref="VolumeCreation"/>).</summary>
internal sealed record CreateVolumeRequest
{
    public int? Size { get; init; }
    public string? Name { get; init; }
    public string? Description { get; init; }
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
    public Guid? SnapshotId { get; init; }
    public Guid? SourceVolumeId { get; init; }
    public string? ImageRef { get; init; }
    public string AvailabilityZone { get; init; } = "nova";

    public static CreateVolumeRequest Parse(JsonElement body, VolumeApiVersion version)
    {
        var volume = CinderBody.Root(body, "volume");
        if (version.AtLeast(53))
        {
            CinderBody.OnlyKnown(volume, Known);
        }

        var name = CinderBody.Text(volume, "name");
        var displayName = CinderBody.Text(volume, "display_name");
        var description = CinderBody.Text(volume, "description");
        var displayDescription = CinderBody.Text(volume, "display_description");
        var type = CinderBody.Text(volume, "volume_type");
        if (type.Value is { } typeName && !VolumeTypes.IsDefault(typeName))
        {
            throw ComputeFaultException.NotFound($"Volume type with name {typeName} could not be found.");
        }

        var zone = CinderBody.Text(volume, "availability_zone");
        if (zone.Value is { } zoneName && zoneName != "nova")
        {
            throw ComputeFaultException.BadRequest($"Availability zone '{zoneName}' is invalid.");
        }

        if (CinderBody.BoolLike(volume, "multiattach", false))
        {
            throw ComputeFaultException.BadRequest("multiattach parameter has been removed. The default behavior is to use multiattach enabled volume types. Contact your administrator to create a multiattach enabled volume type and use it to create multiattach volumes.");
        }

        var image = CinderBody.Text(volume, "imageRef");
        var imageId = CinderBody.Text(volume, "image_id");
        var request = new CreateVolumeRequest
        {
            Size = CinderBody.Size(volume, "size"),
            Name = name.Present ? name.Value : displayName.Value,
            Description = description.Present ? description.Value : displayDescription.Value,
            Metadata = CinderBody.Metadata(volume, "metadata") ?? new Dictionary<string, string>(),
            SnapshotId = CinderBody.Uuid(volume, "snapshot_id"),
            SourceVolumeId = CinderBody.Uuid(volume, "source_volid"),
            ImageRef = image.Value ?? imageId.Value,
            AvailabilityZone = zone.Value ?? "nova",
        };
        if (new object?[] { request.SnapshotId, request.SourceVolumeId, request.ImageRef }.Count(source => source is not null) > 1)
        {
            throw ComputeFaultException.BadRequest("Invalid input received: only one of snapshot, source volume and image may be given.");
        }

        if (request.Size is null && request.SnapshotId is null && request.SourceVolumeId is null)
        {
            throw ComputeFaultException.BadRequest("Invalid input received: Volume size must be given unless a snapshot or source volume is.");
        }

        return request;
    }

    private static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "size", "name", "display_name", "description", "display_description", "volume_type", "metadata", "snapshot_id",
        "source_volid", "imageRef", "image_id", "availability_zone", "consistencygroup_id", "multiattach", "group_id", "backup_id",
    };
}

using System.Text.Json;
using OrleansCompute.Volumes;

namespace OrleansCompute.Api.Volume;

/// <summary>Cinder's volume views: the summary (id, name, links) and the detail, per microversion and role.</summary>
internal static class VolumeViews
{
    public static void WriteSummary(Utf8JsonWriter w, VolumeRecord volume, string baseUrl)
    {
        w.WriteStartObject();
        w.WriteString("id", volume.Id);
        WriteNullable(w, "name", volume.Name);
        WriteLinks(w, baseUrl, "volumes", volume.Id);
        w.WriteEndObject();
    }

    public static void WriteDetail(Utf8JsonWriter w, VolumeRecord volume, VolumeRequest request, string baseUrl)
    {
        var admin = request.Caller.IsAdmin;
        w.WriteStartObject();
        w.WriteString("id", volume.Id);
        WriteNullable(w, "name", volume.Name);
        WriteNullable(w, "description", volume.Description);
        w.WriteString("status", volume.Status);
        w.WriteNumber("size", volume.Size);
        w.WriteString("availability_zone", volume.AvailabilityZone);
        w.WriteString("created_at", CinderTime.Format(volume.CreatedAt));
        if (volume.UpdatedAt is { } updated)
        {
            w.WriteString("updated_at", CinderTime.Format(updated));
        }
        else
        {
            w.WriteNull("updated_at");
        }

        w.WriteString("volume_type", volume.VolumeType);
        WriteNullable(w, "snapshot_id", volume.SnapshotId?.ToString("D"));
        WriteNullable(w, "source_volid", volume.SourceVolumeId?.ToString("D"));
        WriteStrings(w, "metadata", volume.Metadata);
        WriteLinks(w, baseUrl, "volumes", volume.Id);
        w.WriteString("user_id", volume.UserId);
        w.WriteString("bootable", volume.Bootable ? "true" : "false");
        w.WriteBoolean("encrypted", false);
        w.WriteString("replication_status", "disabled");
        w.WriteNull("consistencygroup_id");
        w.WriteBoolean("multiattach", false);
        w.WriteStartArray("attachments");
        foreach (var attachment in volume.Attachments.Where(a => a.Status == AttachmentStatus.Attached))
        {
            w.WriteStartObject();
            w.WriteString("id", volume.Id);
            w.WriteString("attachment_id", attachment.Id);
            w.WriteString("volume_id", volume.Id);
            WriteNullable(w, "server_id", attachment.ServerId?.ToString("D"));
            WriteNullable(w, "host_name", admin ? attachment.HostName : null);
            WriteNullable(w, "device", attachment.Device);
            WriteNullable(w, "attached_at", attachment.AttachedAt is { } at ? CinderTime.Format(at) : null);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("os-vol-tenant-attr:tenant_id", volume.ProjectId);
        if (admin)
        {
            w.WriteNull("migration_status");
            w.WriteString("os-vol-host-attr:host", "orleanscompute@fake#fake");
            w.WriteNull("os-vol-mig-status-attr:migstat");
            w.WriteNull("os-vol-mig-status-attr:name_id");
        }

        if (volume.ImageMetadata is { } imageMetadata)
        {
            WriteStrings(w, "volume_image_metadata", imageMetadata);
        }

        if (request.Version.AtLeast(13))
        {
            w.WriteNull("group_id");
        }

        if (request.Version.AtLeast(21) && admin)
        {
            w.WriteNull("provider_id");
        }

        if (request.Version.AtLeast(48))
        {
            w.WriteBoolean("shared_targets", false);
            w.WriteNull("service_uuid");
        }

        if (request.Version.AtLeast(61) && admin)
        {
            w.WriteNull("cluster_name");
        }

        if (request.Version.AtLeast(63))
        {
            w.WriteString("volume_type_id", VolumeTypes.DefaultId);
        }

        if (request.Version.AtLeast(65))
        {
            w.WriteBoolean("consumes_quota", true);
        }

        w.WriteEndObject();
    }

    public static void WriteLinks(Utf8JsonWriter w, string baseUrl, string collection, Guid id)
    {
        w.WriteStartArray("links");
        foreach (var (rel, href) in new[] { ("self", $"{baseUrl}/{collection}/{id}"), ("bookmark", $"{baseUrl}/{collection}/{id}".Replace("/v3/", "/", StringComparison.Ordinal)) })
        {
            w.WriteStartObject();
            w.WriteString("rel", rel);
            w.WriteString("href", href);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    public static void WriteStrings(Utf8JsonWriter w, string property, IReadOnlyDictionary<string, string> values)
    {
        w.WriteStartObject(property);
        foreach (var (key, value) in values)
        {
            w.WriteString(key, value);
        }

        w.WriteEndObject();
    }

    public static void WriteNullable(Utf8JsonWriter w, string property, string? value)
    {
        if (value is null)
        {
            w.WriteNull(property);
        }
        else
        {
            w.WriteString(property, value);
        }
    }
}

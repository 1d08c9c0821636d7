using System.Globalization;
using System.Text.Json;
using OrleansCompute.Images;

namespace OrleansCompute.Api.ImageService;

/// <summary>Glance's image and member bodies: every base property always present (null when unset), extras at the top level.</summary>
internal static class ImageView
{
    public static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static void Write(Utf8JsonWriter w, SnapshotImage image)
    {
        w.WriteStartObject();
        foreach (var (key, value) in image.Metadata)
        {
            if (!ImageProperties.IsBase(key))
            {
                w.WriteString(key, value);
            }
        }

        w.WriteString("id", image.Id);
        NullableString(w, "name", image.Name);
        w.WriteString("status", image.Status.ToLowerInvariant());
        w.WriteString("visibility", image.Visibility);
        w.WriteBoolean("protected", image.Protected);
        w.WriteBoolean("os_hidden", image.Hidden);
        NullableString(w, "owner", image.OwnerProjectId.Length == 0 ? null : image.OwnerProjectId);
        NullableString(w, "container_format", image.ContainerFormat);
        NullableString(w, "disk_format", image.DiskFormat);
        w.WriteNumber("min_disk", image.MinDiskGb);
        w.WriteNumber("min_ram", image.MinRamMb);
        if (image.SizeKnown)
        {
            w.WriteNumber("size", image.SizeBytes);
        }
        else
        {
            w.WriteNull("size");
        }

        // Glance knows the virtual size of a raw image: its size.
        if (image.SizeKnown && image.HasData && image.DiskFormat == "raw")
        {
            w.WriteNumber("virtual_size", image.SizeBytes);
        }
        else
        {
            w.WriteNull("virtual_size");
        }

        NullableString(w, "checksum", image.Checksum);
        NullableString(w, "os_hash_algo", image.HashAlgorithm);
        NullableString(w, "os_hash_value", image.HashValue);
        w.WriteString("created_at", Timestamp(image.Created));
        w.WriteString("updated_at", Timestamp(image.Updated));
        w.WriteStartArray("tags");
        foreach (var tag in image.Tags)
        {
            w.WriteStringValue(tag);
        }

        w.WriteEndArray();
        w.WriteString("self", $"/v2/images/{image.Id}");
        w.WriteString("file", $"/v2/images/{image.Id}/file");
        w.WriteString("schema", "/v2/schemas/image");
        w.WriteEndObject();
    }

    public static void WriteMember(Utf8JsonWriter w, string imageId, ImageMember member)
    {
        w.WriteStartObject();
        w.WriteString("image_id", imageId);
        w.WriteString("member_id", member.ProjectId);
        w.WriteString("status", member.Status);
        w.WriteString("created_at", Timestamp(member.Created));
        w.WriteString("updated_at", Timestamp(member.Updated));
        w.WriteString("schema", "/v2/schemas/member");
        w.WriteEndObject();
    }

    private static void NullableString(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }
}

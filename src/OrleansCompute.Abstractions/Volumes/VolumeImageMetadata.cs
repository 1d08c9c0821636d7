using System.Globalization;
using OrleansCompute.Catalog;

namespace OrleansCompute.Volumes;

/// <summary>Cinder's <c>volume_image_metadata</c> for a volume written from an image (create from image, reimage).</summary>
public static class VolumeImageMetadata
{
    public static IReadOnlyDictionary<string, string> From(ImageDefinition image) =>
        new Dictionary<string, string>(image.Metadata, StringComparer.Ordinal)
        {
            ["image_id"] = image.Id,
            ["image_name"] = image.Name,
            ["min_disk"] = image.MinDiskGb.ToString(CultureInfo.InvariantCulture),
            ["min_ram"] = image.MinRamMb.ToString(CultureInfo.InvariantCulture),
            ["size"] = image.SizeBytes.ToString(CultureInfo.InvariantCulture),
        };
}

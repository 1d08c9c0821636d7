using System.Text.Json;
using OrleansCompute.Identity;
using OrleansCompute.Images;

namespace OrleansCompute.Api.Servers;

/// <summary>
/// The block device mappings an image carries (Nova's <c>bdm_v2</c> + <c>block_device_mapping</c> properties, written by
/// createImage of a volume-backed server): merged into a create's own mappings (the request's win for the same
/// device), so a create from such an image boots from a new volume made from the image's snapshot. When the
/// image's mappings hold the root disk, the server is volume-backed: it has no image of its own here.
/// </summary>
internal static class ImageBlockDevices
{
    public static async Task<CreateServerRequest> ApplyAsync(CreateServerRequest request, ImageLookup images, CallerContext caller)
    {
        if (string.IsNullOrEmpty(request.ImageRef) || await images.FindAsync(request.ImageRef, caller) is not { } image
            || !image.Metadata.TryGetValue("bdm_v2", out var v2) || !string.Equals(v2, "True", StringComparison.OrdinalIgnoreCase)
            || !image.Metadata.TryGetValue("block_device_mapping", out var json))
        {
            return request;
        }

        var fromImage = Parse(json);
        var requested = request.BlockDevices.Select(d => d.DeviceName).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var requestHasRoot = BlockDeviceRules.BootsFromVolume(request.BlockDevices) || request.BlockDevices.Any(d => d.BootIndex == 0);
        var merged = fromImage
            .Where(d => (d.DeviceName is null || !requested.Contains(d.DeviceName)) && !(requestHasRoot && d.BootIndex == 0))
            .Concat(request.BlockDevices)
            .ToList();
        return BlockDeviceRules.BootsFromVolume(merged) ? request with { BlockDevices = merged, ImageRef = "" } : request with { BlockDevices = merged };
    }

    private static List<BlockDeviceRequest> Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return [];
            }

            return [.. document.RootElement.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object && Text(e, "source_type") is not null).Select(e => new BlockDeviceRequest
            {
                SourceType = Text(e, "source_type")!,
                DestinationType = Text(e, "destination_type"),
                Uuid = Text(e, "snapshot_id") ?? Text(e, "volume_id") ?? Text(e, "image_id"),
                BootIndex = e.TryGetProperty("boot_index", out var index) && index.ValueKind == JsonValueKind.Number ? index.GetInt32() : null,
                VolumeSize = e.TryGetProperty("volume_size", out var size) && size.ValueKind == JsonValueKind.Number ? size.GetInt32() : null,
                DeviceName = Text(e, "device_name"),
                DeleteOnTermination = e.TryGetProperty("delete_on_termination", out var delete) && delete.ValueKind == JsonValueKind.True,
                Tag = Text(e, "tag"),
            })];
        }
        catch (JsonException)
        {
            // A property that is not Nova's JSON list is no mapping, as Nova ignores what it cannot read here.
            return [];
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

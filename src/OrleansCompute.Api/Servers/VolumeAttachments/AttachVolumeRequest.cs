using System.Text.Json;
using System.Text.RegularExpressions;
using OrleansCompute.Api.Microversions;
using OrleansCompute.Api.Validation;
using OrleansCompute.Faults;

namespace OrleansCompute.Api.Servers.VolumeAttachments;

/// <summary>The body of an attach after Nova's schema: volumeId, device, tag (2.49+), delete_on_termination (2.79+).</summary>
internal sealed partial record AttachVolumeRequest(Guid VolumeId, string? Device, string? Tag, bool DeleteOnTermination)
{
    public static AttachVolumeRequest Parse(JsonElement body, ApiVersion version)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("volumeAttachment", out var attachment))
        {
            throw SchemaErrors.Required("volumeAttachment");
        }

        if (attachment.ValueKind != JsonValueKind.Object)
        {
            throw SchemaErrors.WrongType("volumeAttachment", attachment, "object");
        }

        foreach (var property in attachment.EnumerateObject())
        {
            var known = property.Name is "volumeId" or "device"
                || (property.Name == "tag" && version.AtLeast(2, 49))
                || (property.Name == "delete_on_termination" && version.AtLeast(2, 79));
            if (!known)
            {
                throw SchemaErrors.Additional(property.Name);
            }
        }

        if (!attachment.TryGetProperty("volumeId", out var volume))
        {
            throw SchemaErrors.Required("volumeId");
        }

        if (volume.ValueKind != JsonValueKind.String || !Guid.TryParse(volume.GetString(), out var volumeId))
        {
            throw SchemaErrors.Invalid("volumeId", volume, $"{SchemaErrors.Quoted(volume)} is not a 'uuid'");
        }

        string? device = null;
        if (attachment.TryGetProperty("device", out var deviceValue) && deviceValue.ValueKind != JsonValueKind.Null)
        {
            device = deviceValue.ValueKind == JsonValueKind.String ? deviceValue.GetString() : throw SchemaErrors.WrongType("device", deviceValue, "string");
            if (!DevicePattern().IsMatch(device!))
            {
                throw SchemaErrors.Invalid("device", deviceValue, $"{SchemaErrors.Quoted(deviceValue)} does not match '(^/dev/x{{0,1}}[a-z]{{0,1}}d{{0,1}})([a-z]+)[0-9]*$'");
            }
        }

        string? tag = null;
        if (attachment.TryGetProperty("tag", out var tagValue))
        {
            tag = tagValue.ValueKind == JsonValueKind.String ? tagValue.GetString() : throw SchemaErrors.WrongType("tag", tagValue, "string");
            if (tag!.Length is 0 or > 60 || tag.Contains('/') || tag.Contains(','))
            {
                throw SchemaErrors.Invalid("tag", tagValue, $"{SchemaErrors.Quoted(tagValue)} does not match '^[^,/]*$'");
            }
        }

        var deleteOnTermination = false;
        if (attachment.TryGetProperty("delete_on_termination", out var flag))
        {
            deleteOnTermination = BooleanText.Parse(flag) ?? throw SchemaErrors.Invalid("delete_on_termination", flag, $"{SchemaErrors.Quoted(flag)} is not of type 'boolean', 'string'");
        }

        return new AttachVolumeRequest(volumeId, device, tag, deleteOnTermination);
    }

    [GeneratedRegex("(^/dev/x{0,1}[a-z]{0,1}d{0,1})([a-z]+)[0-9]*$")]
    private static partial Regex DevicePattern();
}

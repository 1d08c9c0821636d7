using System.Text.Json;
using OrleansCompute.Api.Microversions;
using OrleansCompute.Api.Validation;
using OrleansCompute.Faults;
using OrleansCompute.Volumes;

namespace OrleansCompute.Api.Servers.VolumeAttachments;

/// <summary>
/// The body of <c>PUT .../os-volume_attachments/{volume_id}</c> after Nova's schema: <c>volumeId</c> only below 2.85;
/// from 2.85 also <c>id</c>, <c>serverId</c>, <c>device</c>, <c>tag</c> (which must equal what the mapping has) and
/// <c>delete_on_termination</c>.
/// </summary>
internal sealed record UpdateVolumeAttachmentRequest(Guid VolumeId, string? Id, string? ServerId, VolumeAttachmentUpdate Update)
{
    public static UpdateVolumeAttachmentRequest Parse(JsonElement body, ApiVersion version)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw SchemaErrors.WrongType("", body, "object");
        }

        foreach (var property in body.EnumerateObject().Where(p => p.Name != "volumeAttachment"))
        {
            throw SchemaErrors.Additional(property.Name);
        }

        if (!body.TryGetProperty("volumeAttachment", out var attachment))
        {
            throw SchemaErrors.Required("volumeAttachment");
        }

        if (attachment.ValueKind != JsonValueKind.Object)
        {
            throw SchemaErrors.WrongType("volumeAttachment", attachment, "object");
        }

        var updatable = version.AtLeast(2, 85);
        foreach (var property in attachment.EnumerateObject())
        {
            if (property.Name != "volumeId" && !(updatable && property.Name is "id" or "serverId" or "device" or "tag" or "delete_on_termination"))
            {
                throw SchemaErrors.Additional(property.Name);
            }
        }

        var volumeId = Uuid(attachment, "volumeId") ?? throw SchemaErrors.Required("volumeId");
        var device = Optional(attachment, "device", nullable: true, out var deviceGiven);
        var tag = Optional(attachment, "tag", nullable: false, out var tagGiven);
        bool? deleteOnTermination = null;
        if (attachment.TryGetProperty("delete_on_termination", out var flag))
        {
            deleteOnTermination = BooleanText.Parse(flag) ?? throw SchemaErrors.Invalid("delete_on_termination", flag, $"{SchemaErrors.Quoted(flag)} is not of type 'boolean', 'string'");
        }

        return new UpdateVolumeAttachmentRequest(
            volumeId,
            Uuid(attachment, "id")?.ToString(),
            Uuid(attachment, "serverId")?.ToString(),
            new VolumeAttachmentUpdate { DeleteOnTermination = deleteOnTermination, DeviceGiven = deviceGiven, Device = device, TagGiven = tagGiven, Tag = tag });
    }

    private static Guid? Uuid(JsonElement attachment, string name)
    {
        if (!attachment.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String && Guid.TryParse(value.GetString(), out var id)
            ? id
            : throw SchemaErrors.Invalid(name, value, $"{SchemaErrors.Quoted(value)} is not a 'uuid'");
    }

    private static string? Optional(JsonElement attachment, string name, bool nullable, out bool given)
    {
        given = attachment.TryGetProperty(name, out var value);
        if (!given || (nullable && value.ValueKind == JsonValueKind.Null))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw SchemaErrors.WrongType(name, value, "string");
    }
}

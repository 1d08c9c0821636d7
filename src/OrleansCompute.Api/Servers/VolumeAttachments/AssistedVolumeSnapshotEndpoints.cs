using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansCompute.Api.Policy;
using OrleansCompute.Api.Validation;
using OrleansCompute.Faults;
using OrleansCompute.Volumes;

namespace OrleansCompute.Api.Servers.VolumeAttachments;

/// <summary>
/// <c>/os-assisted-volume-snapshots</c> (service or admin): Cinder's file-based drivers ask Nova to snapshot (or
/// merge away) an attached volume's file. Nova finds the server the volume is attached to (400 when none, its
/// VolumeBDMNotFound) and answers <c>{"snapshot": {"id", "volumeId"}}</c> (200), or 204 for the delete; there is no
/// hypervisor file to change here, so the answer is the whole effect.
/// </summary>
internal static class AssistedVolumeSnapshotEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/os-assisted-volume-snapshots", CreateAsync).RequirePolicy(ComputePolicies.AssistedVolumeSnapshotsCreate);
        routes.MapDelete("/os-assisted-volume-snapshots/{id}", DeleteAsync).RequirePolicy(ComputePolicies.AssistedVolumeSnapshotsDelete);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, IGrainFactory grains)
    {
        using var body = await JsonBody.ReadAsync(context);
        var (volumeId, snapshotId) = ParseCreate(body.RootElement);
        await EnsureAttachedAsync(grains, volumeId);
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("snapshot");
            w.WriteString("id", snapshotId);
            w.WriteString("volumeId", volumeId);
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, string id, IGrainFactory grains)
    {
        if (!context.Request.Query.TryGetValue("delete_info", out var info))
        {
            throw ComputeFaultException.BadRequest("'delete_info'");
        }

        Guid volumeId;
        try
        {
            using var deleteInfo = JsonDocument.Parse(info.ToString());
            volumeId = deleteInfo.RootElement.ValueKind == JsonValueKind.Object
                && deleteInfo.RootElement.TryGetProperty("volume_id", out var volume) && volume.ValueKind == JsonValueKind.String
                && Guid.TryParse(volume.GetString(), out var parsed)
                    ? parsed
                    : throw ComputeFaultException.BadRequest("'volume_id'");
        }
        catch (JsonException invalid)
        {
            throw ComputeFaultException.BadRequest(invalid.Message);
        }

        await EnsureAttachedAsync(grains, volumeId);
        return Results.StatusCode(204);
    }

    /// <summary>Nova's look-up of the volume's block device mapping: a volume attached to no server is its 400.</summary>
    private static async Task EnsureAttachedAsync(IGrainFactory grains, Guid volumeId)
    {
        var service = new OrleansCompute.Identity.CallerContext { UserId = "nova", ProjectId = "", Roles = ["admin", "service"], RequestId = "req-" + Guid.NewGuid().ToString("D") };
        VolumeRecord? volume = null;
        try
        {
            volume = await grains.GetGrain<IVolumeGrain>(volumeId).GetAsync(service);
        }
        catch (ComputeFaultException missing) when (missing.StatusCode == 404)
        {
        }

        if (volume is null || volume.Attachments.All(a => a.ServerId is null || a.Status != AttachmentStatus.Attached))
        {
            throw ComputeFaultException.BadRequest($"No volume Block Device Mapping with id {volumeId}.");
        }
    }

    private static (Guid VolumeId, Guid SnapshotId) ParseCreate(JsonElement root)
    {
        var snapshot = Object(root, "snapshot", "", ["snapshot"]);
        var createInfo = Object(snapshot, "create_info", "snapshot", ["volume_id", "create_info"]);
        foreach (var property in createInfo.EnumerateObject().Where(p => p.Name is not ("snapshot_id" or "type" or "new_file" or "id")))
        {
            throw SchemaErrors.Additional(property.Name);
        }

        var volumeId = Uuid(snapshot, "volume_id") ?? throw SchemaErrors.Required("volume_id");
        var snapshotId = Uuid(createInfo, "snapshot_id") ?? throw SchemaErrors.Required("snapshot_id");
        Uuid(createInfo, "id");
        if (!createInfo.TryGetProperty("type", out var type))
        {
            throw SchemaErrors.Required("type");
        }

        EnumRule.Check("snapshot/create_info/type", type, ["qcow2"]);
        if (!createInfo.TryGetProperty("new_file", out var newFile))
        {
            throw SchemaErrors.Required("new_file");
        }

        if (newFile.ValueKind != JsonValueKind.String)
        {
            throw SchemaErrors.WrongType("snapshot/create_info/new_file", newFile, "string");
        }

        return (volumeId, snapshotId);
    }

    /// <summary>The named member of <paramref name="parent"/> as an object, after refusing members the parent's schema does not know.</summary>
    private static JsonElement Object(JsonElement parent, string name, string parentPath, string[] known)
    {
        if (parent.ValueKind != JsonValueKind.Object)
        {
            throw SchemaErrors.WrongType(parentPath, parent, "object");
        }

        foreach (var property in parent.EnumerateObject().Where(p => !known.Contains(p.Name)))
        {
            throw SchemaErrors.Additional(property.Name);
        }

        if (!parent.TryGetProperty(name, out var value))
        {
            throw SchemaErrors.Required(name);
        }

        return value.ValueKind == JsonValueKind.Object ? value : throw SchemaErrors.WrongType(name, value, "object");
    }

    private static Guid? Uuid(JsonElement parent, string name) =>
        !parent.TryGetProperty(name, out var value) ? null
        : value.ValueKind == JsonValueKind.String && Guid.TryParse(value.GetString(), out var id) ? id
        : throw SchemaErrors.Invalid(name, value, $"{SchemaErrors.Quoted(value)} is not a 'uuid'");
}

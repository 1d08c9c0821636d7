using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansCompute.Faults;
using OrleansCompute.Volumes;

namespace OrleansCompute.Api.Volume;

/// <summary>
/// Cinder's attachments API (3.27+; <c>os-complete</c> 3.44+) as Nova drives it: create (reserve, or connect at once
/// with a connector), update with the connector, complete, delete; lists and show. Below 3.27 every route is a 404.
/// The volume grain owns the records; an attachment id is found through the index's volume rows.
/// </summary>
internal static class AttachmentEndpoints
{
    private static readonly IReadOnlySet<string> CreateKeys = new HashSet<string>(StringComparer.Ordinal) { "volume_uuid", "instance_uuid", "connector", "mode" };

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/attachments", CreateAsync);
        group.MapGet("/attachments", ListAsync);
        group.MapGet("/attachments/detail", ListDetailAsync);
        group.MapGet("/attachments/{id}", ShowAsync);
        group.MapPut("/attachments/{id}", UpdateAsync);
        group.MapDelete("/attachments/{id}", DeleteAsync);
        group.MapPost("/attachments/{id}/action", ActAsync);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, IGrainFactory grains)
    {
        var request = Versioned(context, 27);
        request.RequireMember("volume:attachment_create");
        using var body = await JsonBody.ReadAsync(context);
        var attachment = CinderBody.Root(body.RootElement, "attachment");
        CinderBody.OnlyKnown(attachment, CreateKeys);
        var volumeId = CinderBody.Uuid(attachment, "volume_uuid") ?? throw CinderBody.Invalid("volume_uuid", "'volume_uuid' is a required property");
        var mode = CinderBody.Text(attachment, "mode").Value;
        if (mode is not null && (!request.Version.AtLeast(54) || mode is not ("rw" or "ro")))
        {
            throw CinderBody.Invalid("mode", $"'{mode}' is not one of ['rw', 'ro']");
        }

        var reserved = await grains.GetGrain<IVolumeGrain>(volumeId).ReserveAsync(request.Caller, new AttachmentRequest
        {
            AttachmentId = Guid.NewGuid(),
            ServerId = CinderBody.Uuid(attachment, "instance_uuid"),
            Mode = mode,
            Connector = Connector(attachment, required: false),
        });
        return new JsonResponse(200, w => Envelope(w, volumeId, reserved));
    }

    private static Task<IResult> ListAsync(HttpContext context, IVolumeIndex index) => ListCoreAsync(context, index, detail: false);

    private static Task<IResult> ListDetailAsync(HttpContext context, IVolumeIndex index) => ListCoreAsync(context, index, detail: true);

    private static async Task<IResult> ListCoreAsync(HttpContext context, IVolumeIndex index, bool detail)
    {
        var request = Versioned(context, 27);
        var query = context.Request.Query;
        Guid? volumeFilter = query.TryGetValue("volume_id", out var v) ? Guid.TryParse(v[^1], out var vid) ? vid : Guid.Empty : null;
        Guid? instanceFilter = query.TryGetValue("instance_id", out var i) ? Guid.TryParse(i[^1], out var iid) ? iid : Guid.Empty : null;
        var status = query.TryGetValue("status", out var s) ? s[^1] : query.TryGetValue("attach_status", out var a) ? a[^1] : null;
        var allTenants = request.Caller.IsAdmin && query.ContainsKey("all_tenants");
        var volumes = await index.QueryVolumesAsync(
            new VolumeIndexQuery { ProjectId = allTenants ? null : request.Caller.ProjectId, Limit = VolumeListQuery.MaxLimit },
            volume => volumeFilter is null || volume.Id == volumeFilter,
            context.RequestAborted);
        var attachments = volumes
            .SelectMany(volume => volume.Attachments.Select(attachment => (volume.Id, attachment)))
            .Where(pair => (instanceFilter is null || pair.attachment.ServerId == instanceFilter) && (status is null || pair.attachment.Status == status))
            .ToList();
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("attachments");
            foreach (var (volumeId, attachment) in attachments)
            {
                AttachmentViews.Write(w, volumeId, attachment, detail);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static async Task<IResult> ShowAsync(HttpContext context, string id, IVolumeIndex index, IGrainFactory grains)
    {
        var request = Versioned(context, 27);
        var (volumeId, attachmentId) = await LocateAsync(request, index, id);
        var volume = await grains.GetGrain<IVolumeGrain>(volumeId).GetAsync(request.Caller);
        var attachment = volume.Attachments.FirstOrDefault(a => a.Id == attachmentId) ?? throw NotFound(id);
        return new JsonResponse(200, w => Envelope(w, volumeId, attachment));
    }

    private static async Task<IResult> UpdateAsync(HttpContext context, string id, IVolumeIndex index, IGrainFactory grains)
    {
        var request = Versioned(context, 27);
        request.RequireMember("volume:attachment_update");
        var (volumeId, attachmentId) = await LocateAsync(request, index, id);
        using var body = await JsonBody.ReadAsync(context);
        var attachment = CinderBody.Root(body.RootElement, "attachment");
        CinderBody.OnlyKnown(attachment, new HashSet<string>(StringComparer.Ordinal) { "connector" });
        var connected = await grains.GetGrain<IVolumeGrain>(volumeId).ConnectAsync(request.Caller, attachmentId, Connector(attachment, required: true)!);
        return new JsonResponse(200, w => Envelope(w, volumeId, connected));
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, string id, IVolumeIndex index, IGrainFactory grains)
    {
        var request = Versioned(context, 27);
        request.RequireMember("volume:attachment_delete");
        var (volumeId, attachmentId) = await LocateAsync(request, index, id);
        var remaining = await grains.GetGrain<IVolumeGrain>(volumeId).RemoveAttachmentAsync(request.Caller, attachmentId);
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("attachments");
            foreach (var attachment in remaining)
            {
                AttachmentViews.Write(w, volumeId, attachment, detail: false);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static async Task<IResult> ActAsync(HttpContext context, string id, IVolumeIndex index, IGrainFactory grains)
    {
        var request = Versioned(context, 44);
        request.RequireMember("volume:attachment_complete");
        var (volumeId, attachmentId) = await LocateAsync(request, index, id);
        using var body = await JsonBody.ReadAsync(context);
        if (body.RootElement.ValueKind != JsonValueKind.Object || !body.RootElement.TryGetProperty("os-complete", out _) || body.RootElement.EnumerateObject().Count() != 1)
        {
            throw ComputeFaultException.BadRequest("Invalid input received: the only attachment action is os-complete.");
        }

        await grains.GetGrain<IVolumeGrain>(volumeId).CompleteAsync(request.Caller, attachmentId);
        return Results.StatusCode(204);
    }

    /// <summary>The connector: an object with at least one key (the host and mountpoint are kept).</summary>
    private static AttachmentConnector? Connector(JsonElement attachment, bool required)
    {
        if (!attachment.TryGetProperty("connector", out var connector) || connector.ValueKind == JsonValueKind.Null)
        {
            return required ? throw CinderBody.Invalid("connector", "'connector' is a required property") : null;
        }

        if (connector.ValueKind != JsonValueKind.Object || (required && !connector.EnumerateObject().Any()))
        {
            throw CinderBody.Invalid("connector", $"{connector.GetRawText()} is not a connector object with at least one property");
        }

        string? Text(string name) => connector.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        return new AttachmentConnector { Host = Text("host"), Mountpoint = Text("mountpoint"), Mode = Text("mode") is "ro" ? "ro" : Text("mode") is "rw" ? "rw" : null };
    }

    /// <summary>Which volume holds the attachment: one of the caller's project's volumes (every project for admins).</summary>
    private static async Task<(Guid VolumeId, Guid AttachmentId)> LocateAsync(VolumeRequest request, IVolumeIndex index, string id)
    {
        if (!Guid.TryParse(id, out var attachmentId))
        {
            throw NotFound(id);
        }

        var volumes = await index.QueryVolumesAsync(
            new VolumeIndexQuery { ProjectId = request.Caller.IsAdmin ? null : request.Caller.ProjectId, Limit = 1 },
            volume => volume.Attachments.Any(a => a.Id == attachmentId),
            request.Context.RequestAborted);
        return volumes.Count == 1 ? (volumes[0].Id, attachmentId) : throw NotFound(id);
    }

    private static VolumeRequest Versioned(HttpContext context, int minimum)
    {
        var request = VolumeRequest.Of(context);
        return request.Version.AtLeast(minimum) ? request : throw ComputeFaultException.NotFound("The resource could not be found.");
    }

    private static ComputeFaultException NotFound(string id) => ComputeFaultException.NotFound($"VolumeAttachment {id} could not be found.");

    private static void Envelope(Utf8JsonWriter w, Guid volumeId, VolumeAttachment attachment)
    {
        w.WriteStartObject();
        w.WritePropertyName("attachment");
        AttachmentViews.Write(w, volumeId, attachment, detail: true);
        w.WriteEndObject();
    }
}

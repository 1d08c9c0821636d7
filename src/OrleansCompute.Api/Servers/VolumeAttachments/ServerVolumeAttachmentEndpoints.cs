using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansCompute.Api.Microversions;
using OrleansCompute.Api.Policy;
using OrleansCompute.Api.Servers.Resources;
using OrleansCompute.Api.Validation;
using OrleansCompute.Faults;
using OrleansCompute.Servers;
using OrleansCompute.Volumes;

namespace OrleansCompute.Api.Servers.VolumeAttachments;

/// <summary>
/// Nova's <c>/servers/{server_id}/os-volume_attachments</c>: list (limit, offset), show, attach and detach. The
/// list reads the server's own record of its volumes; attach and detach are one call to the server grain, which
/// drives the volume grain (see <c>ServerGrain.Volumes</c>).
/// </summary>
internal static class ServerVolumeAttachmentEndpoints
{
    private const string Index = "os_compute_api:os-volumes-attachments:index";
    private const string Show = "os_compute_api:os-volumes-attachments:show";
    private const string Create = "os_compute_api:os-volumes-attachments:create";
    private const string Delete = "os_compute_api:os-volumes-attachments:delete";
    private const string Update = "os_compute_api:os-volumes-attachments:update";
    private const string Swap = "os_compute_api:os-volumes-attachments:swap";

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/servers/{server_id}/os-volume_attachments", ListAsync).RequireServerPolicy(Index);
        routes.MapGet("/servers/{server_id}/os-volume_attachments/{volume_id}", ShowAsync).RequireServerPolicy(Show);
        routes.MapPost("/servers/{server_id}/os-volume_attachments", AttachAsync).RequireServerPolicy(Create);
        // The route's rule is update's; a swap (another volume, or any PUT below 2.85) is checked against swap inside.
        routes.MapPut("/servers/{server_id}/os-volume_attachments/{volume_id}", UpdateAsync).RequireServerPolicy(Update);
        routes.MapDelete("/servers/{server_id}/os-volume_attachments/{volume_id}", DetachAsync).RequireServerPolicy(Delete);
    }

    private static async Task<IResult> ListAsync(HttpContext context, string server_id, IGrainFactory grains)
    {
        var request = ComputeRequest.From(context);
        var limit = QueryIntegers.NonNegative(context.Request.Query, "limit");
        var offset = QueryIntegers.NonNegative(context.Request.Query, "offset") ?? 0;
        var server = await grains.GetGrain<IServerGrain>(ServerRoute.ParseId(server_id)).GetAsync(request.Caller);
        var volumes = Attached(server).Skip(offset).Take(limit ?? int.MaxValue).ToList();
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("volumeAttachments");
            foreach (var volume in volumes)
            {
                Write(w, server.Id, volume, request.Version);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static async Task<IResult> ShowAsync(HttpContext context, string server_id, string volume_id, IGrainFactory grains)
    {
        var request = ComputeRequest.From(context);
        var server = await grains.GetGrain<IServerGrain>(ServerRoute.ParseId(server_id)).GetAsync(request.Caller);
        var volume = Attached(server).FirstOrDefault(v => string.Equals(v.VolumeId.ToString(), volume_id, StringComparison.OrdinalIgnoreCase))
            ?? throw NotAttached(volume_id, server.Id);
        return new JsonResponse(200, w => Envelope(w, server.Id, volume, request.Version));
    }

    private static async Task<IResult> AttachAsync(HttpContext context, string server_id, IGrainFactory grains)
    {
        var request = ComputeRequest.From(context);
        var serverId = ServerRoute.ParseId(server_id);
        using var body = await JsonBody.ReadAsync(context);
        var attach = AttachVolumeRequest.Parse(body.RootElement, request.Version);
        // Nova reads the volume from Cinder first: one the caller cannot see is a 404.
        await grains.GetGrain<IVolumeGrain>(attach.VolumeId).GetAsync(request.Caller);
        var attached = await grains.GetGrain<IServerVolumesGrain>(serverId).AttachVolumeAsync(new AttachVolumeCommand
        {
            Caller = request.Caller,
            VolumeId = attach.VolumeId,
            Device = attach.Device,
            Tag = attach.Tag,
            DeleteOnTermination = attach.DeleteOnTermination,
            AllowShelved = request.Version.AtLeast(2, 20),
        });
        // From 2.101 Nova answers 202 without a body and callers follow the volume's state and the instance action.
        return request.Version.AtLeast(2, 101)
            ? Results.StatusCode(202)
            : new JsonResponse(200, w => Envelope(w, serverId, attached, request.Version, forCreate: true));
    }

    private static async Task<IResult> DetachAsync(HttpContext context, string server_id, string volume_id, IGrainFactory grains)
    {
        var request = ComputeRequest.From(context);
        var serverId = ServerRoute.ParseId(server_id);
        if (!Guid.TryParse(volume_id, out var volumeId))
        {
            throw ComputeFaultException.NotFound($"Volume {volume_id} could not be found.");
        }

        await grains.GetGrain<IVolumeGrain>(volumeId).GetAsync(request.Caller);
        await grains.GetGrain<IServerVolumesGrain>(serverId).DetachVolumeAsync(request.Caller, volumeId, request.Version.AtLeast(2, 20));
        return Results.StatusCode(202);
    }

    /// <summary>
    /// Nova's update: below 2.85 always a swap; from 2.85 the mapping's update first, then a swap when the body names
    /// another volume. The old volume is the URL's (404 when unknown), the new one the body's (400 when unknown).
    /// </summary>
    private static async Task<IResult> UpdateAsync(HttpContext context, string server_id, string volume_id, IGrainFactory grains)
    {
        var request = ComputeRequest.From(context);
        var serverId = ServerRoute.ParseId(server_id);
        using var body = await JsonBody.ReadAsync(context);
        var update = UpdateVolumeAttachmentRequest.Parse(body.RootElement, request.Version);
        var onlySwap = !request.Version.AtLeast(2, 85);
        var swap = onlySwap || !string.Equals(volume_id, update.VolumeId.ToString(), StringComparison.OrdinalIgnoreCase);
        if (swap)
        {
            context.Authorize(Swap);
        }

        var server = await grains.GetGrain<IServerGrain>(serverId).GetAsync(request.Caller);
        var volumes = grains.GetGrain<IServerVolumesGrain>(serverId);
        if (!onlySwap)
        {
            if (update.Id is { } id && !string.Equals(id, volume_id, StringComparison.OrdinalIgnoreCase))
            {
                throw ComputeFaultException.BadRequest("The id property is not mutable");
            }

            if (update.ServerId is { } owner && Guid.Parse(owner) != server.Id)
            {
                throw ComputeFaultException.BadRequest("The serverId property is not mutable");
            }

            await volumes.UpdateVolumeAttachmentAsync(request.Caller, ParseVolumeId(volume_id, "No volume Block Device Mapping with id {0}."), update.Update);
        }

        if (swap)
        {
            var oldVolumeId = ParseVolumeId(volume_id, "Volume {0} could not be found.");
            await grains.GetGrain<IVolumeGrain>(oldVolumeId).GetAsync(request.Caller);
            try
            {
                await grains.GetGrain<IVolumeGrain>(update.VolumeId).GetAsync(request.Caller);
            }
            catch (ComputeFaultException missing) when (missing.StatusCode == 404)
            {
                // The new volume is named in the body, so Nova answers 400 (the API-WG rule), not 404.
                throw ComputeFaultException.BadRequest(missing.Message);
            }

            await volumes.SwapVolumeAsync(request.Caller, oldVolumeId, update.VolumeId);
        }

        return Results.StatusCode(202);
    }

    private static Guid ParseVolumeId(string volumeId, string notFound) =>
        Guid.TryParse(volumeId, out var id) ? id : throw ComputeFaultException.NotFound(string.Format(System.Globalization.CultureInfo.InvariantCulture, notFound, volumeId));

    private static IEnumerable<ServerVolume> Attached(ServerSnapshot server) => server.Volumes.Where(v => v.State == ServerVolume.Attached);

    private static ComputeFaultException NotAttached(string volumeId, Guid serverId) =>
        ComputeFaultException.NotFound($"Volume {volumeId} is not attached to instance {serverId}.");

    private static void Envelope(Utf8JsonWriter w, Guid serverId, ServerVolume volume, ApiVersion version, bool forCreate = false)
    {
        w.WriteStartObject();
        w.WritePropertyName("volumeAttachment");
        Write(w, serverId, volume, version, forCreate);
        w.WriteEndObject();
    }

    /// <summary>One attachment: <c>id</c> below 2.89 (and always on create), tag 2.70+, delete_on_termination 2.79+, attachment_id and bdm_uuid 2.89+.</summary>
    private static void Write(Utf8JsonWriter w, Guid serverId, ServerVolume volume, ApiVersion version, bool forCreate = false)
    {
        w.WriteStartObject();
        if (forCreate || !version.AtLeast(2, 89))
        {
            w.WriteString("id", volume.VolumeId);
        }

        w.WriteString("serverId", serverId);
        w.WriteString("volumeId", volume.VolumeId);
        w.WriteString("device", volume.Device);
        if (version.AtLeast(2, 70))
        {
            if (volume.Tag is null)
            {
                w.WriteNull("tag");
            }
            else
            {
                w.WriteString("tag", volume.Tag);
            }
        }

        if (version.AtLeast(2, 79))
        {
            w.WriteBoolean("delete_on_termination", volume.DeleteOnTermination);
        }

        if (!forCreate && version.AtLeast(2, 89))
        {
            w.WriteString("attachment_id", volume.AttachmentId);
            w.WriteString("bdm_uuid", volume.AttachmentId);
        }

        w.WriteEndObject();
    }
}

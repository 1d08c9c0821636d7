using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansCompute.Faults;
using OrleansCompute.Volumes;

namespace OrleansCompute.Api.Volume;

/// <summary>
/// A volume's metadata routes: GET, POST (merge), PUT (replace) on <c>/metadata</c>, and GET, PUT, DELETE on one
/// key. Every write is one update of the volume grain.
/// </summary>
internal static class VolumeMetadataEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/volumes/{id}/metadata", ShowAllAsync);
        group.MapPost("/volumes/{id}/metadata", (HttpContext context, string id, IGrainFactory grains) => WriteAllAsync(context, id, grains, replace: false));
        group.MapPut("/volumes/{id}/metadata", (HttpContext context, string id, IGrainFactory grains) => WriteAllAsync(context, id, grains, replace: true));
        group.MapGet("/volumes/{id}/metadata/{key}", ShowOneAsync);
        group.MapPut("/volumes/{id}/metadata/{key}", WriteOneAsync);
        group.MapDelete("/volumes/{id}/metadata/{key}", DeleteOneAsync);
    }

    private static async Task<IResult> ShowAllAsync(HttpContext context, string id, IGrainFactory grains)
    {
        var request = VolumeRequest.Of(context);
        var volume = await VolumeEndpoints.Grain(grains, id).GetAsync(request.Caller);
        return Metadata(volume.Metadata);
    }

    private static async Task<IResult> WriteAllAsync(HttpContext context, string id, IGrainFactory grains, bool replace)
    {
        var request = VolumeRequest.Of(context);
        request.RequireMember("volume:update_volume_metadata");
        var grain = VolumeEndpoints.Grain(grains, id);
        using var body = await JsonBody.ReadAsync(context);
        if (body.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw ComputeFaultException.BadRequest("Malformed request body");
        }

        var items = CinderBody.Metadata(body.RootElement, "metadata") ?? throw CinderBody.Invalid("metadata", "'metadata' is a required property");
        var update = replace ? new VolumeUpdate { Metadata = items } : new VolumeUpdate { MergeMetadata = items };
        var volume = await grain.UpdateAsync(request.Caller, update);
        return Metadata(volume.Metadata);
    }

    private static async Task<IResult> ShowOneAsync(HttpContext context, string id, string key, IGrainFactory grains)
    {
        var request = VolumeRequest.Of(context);
        var volume = await VolumeEndpoints.Grain(grains, id).GetAsync(request.Caller);
        return volume.Metadata.TryGetValue(key, out var value) ? Meta(key, value) : throw ComputeFaultException.NotFound("Metadata item was not found");
    }

    private static async Task<IResult> WriteOneAsync(HttpContext context, string id, string key, IGrainFactory grains)
    {
        var request = VolumeRequest.Of(context);
        request.RequireMember("volume:update_volume_metadata");
        var grain = VolumeEndpoints.Grain(grains, id);
        using var body = await JsonBody.ReadAsync(context);
        var meta = body.RootElement.ValueKind == JsonValueKind.Object ? CinderBody.Metadata(body.RootElement, "meta") : null;
        if (meta is null || meta.Count != 1 || !meta.ContainsKey(key))
        {
            throw ComputeFaultException.BadRequest("Request body and URI mismatch");
        }

        await grain.UpdateAsync(request.Caller, new VolumeUpdate { MergeMetadata = meta });
        return Meta(key, meta[key]);
    }

    private static async Task<IResult> DeleteOneAsync(HttpContext context, string id, string key, IGrainFactory grains)
    {
        var request = VolumeRequest.Of(context);
        request.RequireMember("volume:delete_volume_metadata");
        await VolumeEndpoints.Grain(grains, id).UpdateAsync(request.Caller, new VolumeUpdate { RemoveMetadataKey = key });
        return Results.Ok();
    }

    private static JsonResponse Metadata(IReadOnlyDictionary<string, string> metadata) => new(200, w =>
    {
        w.WriteStartObject();
        VolumeViews.WriteStrings(w, "metadata", metadata);
        w.WriteEndObject();
    });

    private static JsonResponse Meta(string key, string value) => new(200, w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("meta");
        w.WriteString(key, value);
        w.WriteEndObject();
        w.WriteEndObject();
    });
}

using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansCompute.Faults;
using OrleansCompute.Volumes;

namespace OrleansCompute.Api.Volume;

/// <summary>The volume types an install has: Cinder's <c>__DEFAULT__</c> alone (list, show by id or <c>default</c>).</summary>
internal static class VolumeTypeEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/types", List);
        group.MapGet("/types/{id}", Show);
    }

    private static JsonResponse List(HttpContext context)
    {
        var request = VolumeRequest.Of(context);
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("volume_types");
            Write(w, request);
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static JsonResponse Show(HttpContext context, string id)
    {
        var request = VolumeRequest.Of(context);
        if (id != "default" && !VolumeTypes.IsDefault(id))
        {
            throw ComputeFaultException.NotFound($"Volume type {id} could not be found.");
        }

        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("volume_type");
            Write(w, request);
            w.WriteEndObject();
        });
    }

    private static void Write(Utf8JsonWriter w, VolumeRequest request)
    {
        w.WriteStartObject();
        w.WriteString("id", VolumeTypes.DefaultId);
        w.WriteString("name", VolumeTypes.DefaultName);
        w.WriteString("description", VolumeTypes.DefaultDescription);
        w.WriteBoolean("is_public", true);
        w.WriteStartObject("extra_specs");
        w.WriteEndObject();
        w.WriteBoolean("os-volume-type-access:is_public", true);
        if (request.Caller.IsAdmin)
        {
            w.WriteNull("qos_specs_id");
        }

        w.WriteEndObject();
    }
}

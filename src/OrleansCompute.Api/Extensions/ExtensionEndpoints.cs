using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansCompute.Api.Policy;
using OrleansCompute.Faults;

namespace OrleansCompute.Api.Extensions;

/// <summary><c>GET /extensions</c> and <c>/extensions/{alias}</c>: Nova's static list, open to any caller.</summary>
internal static class ExtensionEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/extensions", List).RequirePolicy(ComputePolicies.Extensions);
        routes.MapGet("/extensions/{alias}", Show).RequirePolicy(ComputePolicies.Extensions);
    }

    private static JsonResponse List(HttpContext context) => new(200, w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("extensions");
        foreach (var extension in ExtensionCatalog.For(ComputePaths.IsLegacyApi(context.Request.Path)))
        {
            Write(w, extension);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static JsonResponse Show(HttpContext context, string alias)
    {
        var extension = ExtensionCatalog.For(ComputePaths.IsLegacyApi(context.Request.Path)).FirstOrDefault(e => e.Alias == alias)
            ?? throw ComputeFaultException.NotFound("The resource could not be found.");
        return new(200, w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("extension");
            Write(w, extension);
            w.WriteEndObject();
        });
    }

    private static void Write(Utf8JsonWriter w, ExtensionInfo extension)
    {
        w.WriteStartObject();
        w.WriteString("alias", extension.Alias);
        w.WriteString("description", extension.Description);
        w.WriteStartArray("links");
        w.WriteEndArray();
        w.WriteString("name", extension.Name);
        w.WriteString("namespace", ExtensionCatalog.Namespace);
        w.WriteString("updated", ExtensionCatalog.Updated);
        w.WriteEndObject();
    }
}

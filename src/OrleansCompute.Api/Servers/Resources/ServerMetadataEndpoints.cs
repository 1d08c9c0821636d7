using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansCompute.Api.Validation;
using OrleansCompute.Faults;
using OrleansCompute.Servers;
using OrleansCompute.Api.Policy;

namespace OrleansCompute.Api.Servers.Resources;

/// <summary>
/// <c>/servers/{id}/metadata</c> and <c>/metadata/{key}</c>: list, merge (POST, 200 with all metadata), replace
/// (PUT), show, set one (PUT with exactly that key) and delete. Bodies are checked before the server is looked up.
/// </summary>
internal static class ServerMetadataEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/servers/{id}/metadata", ListAsync).RequireServerPolicy(ComputePolicies.MetadataIndex);
        routes.MapPost("/servers/{id}/metadata", (HttpContext context, string id, IGrainFactory grains) => WriteAllAsync(context, id, grains, replace: false))
            .RequireServerPolicy(ComputePolicies.MetadataCreate);
        routes.MapPut("/servers/{id}/metadata", (HttpContext context, string id, IGrainFactory grains) => WriteAllAsync(context, id, grains, replace: true))
            .RequireServerPolicy(ComputePolicies.MetadataUpdateAll);
        routes.MapGet("/servers/{id}/metadata/{key}", ShowAsync).RequireServerPolicy(ComputePolicies.MetadataShow);
        routes.MapPut("/servers/{id}/metadata/{key}", SetAsync).RequireServerPolicy(ComputePolicies.MetadataUpdate);
        routes.MapDelete("/servers/{id}/metadata/{key}", DeleteAsync).RequireServerPolicy(ComputePolicies.MetadataDelete);
    }

    private static async Task<IResult> ListAsync(HttpContext context, string id, IGrainFactory grains)
    {
        var request = ComputeRequest.From(context);
        var server = await grains.GetGrain<IServerGrain>(ServerRoute.ParseId(id)).GetAsync(request.Caller);
        return Metadata("metadata", server.Metadata);
    }

    private static async Task<IResult> WriteAllAsync(HttpContext context, string id, IGrainFactory grains, bool replace)
    {
        var request = ComputeRequest.From(context);
        using var body = await JsonBody.ReadAsync(context);
        var items = MetadataRules.Parse("metadata", BodyRules.Envelope(body.RootElement, "metadata"));
        var metadata = await grains.GetGrain<IServerGrain>(ServerRoute.ParseId(id))
            .ChangeMetadataAsync(request.Caller, new MetadataChange { Items = items, Replace = replace });
        return Metadata("metadata", metadata);
    }

    private static async Task<IResult> ShowAsync(HttpContext context, string id, string key, IGrainFactory grains)
    {
        var request = ComputeRequest.From(context);
        var server = await grains.GetGrain<IServerGrain>(ServerRoute.ParseId(id)).GetAsync(request.Caller);
        return server.Metadata.TryGetValue(key, out var value)
            ? Metadata("meta", new Dictionary<string, string> { [key] = value })
            : throw ComputeFaultException.NotFound("Metadata item was not found");
    }

    private static async Task<IResult> SetAsync(HttpContext context, string id, string key, IGrainFactory grains)
    {
        var request = ComputeRequest.From(context);
        using var body = await JsonBody.ReadAsync(context);
        var meta = BodyRules.Envelope(body.RootElement, "meta");
        var items = MetadataRules.Parse("meta", meta);
        if (items.Count != 1)
        {
            throw SchemaErrors.Invalid("meta", meta, $"{meta.GetRawText()} {(items.Count == 0 ? "does not have enough properties" : "has too many properties")}");
        }

        if (!items.ContainsKey(key))
        {
            throw ComputeFaultException.BadRequest("Request body and URI mismatch");
        }

        await grains.GetGrain<IServerGrain>(ServerRoute.ParseId(id)).ChangeMetadataAsync(request.Caller, new MetadataChange { Items = items });
        return Metadata("meta", items);
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, string id, string key, IGrainFactory grains)
    {
        var request = ComputeRequest.From(context);
        await grains.GetGrain<IServerGrain>(ServerRoute.ParseId(id)).ChangeMetadataAsync(request.Caller, new MetadataChange { DeleteKey = key });
        return Results.StatusCode(204);
    }

    private static JsonResponse Metadata(string name, IReadOnlyDictionary<string, string> items) => new(200, w =>
    {
        w.WriteStartObject();
        w.WriteStartObject(name);
        foreach (var (key, value) in items)
        {
            w.WriteString(key, value);
        }

        w.WriteEndObject();
        w.WriteEndObject();
    });
}

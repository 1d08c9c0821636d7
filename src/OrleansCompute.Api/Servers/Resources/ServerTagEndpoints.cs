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
/// <c>/servers/{id}/tags</c> and <c>/tags/{tag}</c> (2.26+, 404 below): list, replace all, clear, check one,
/// add one (201 with Location when new, 204 when present) and remove one.
/// </summary>
internal static class ServerTagEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/servers/{id}/tags", ListAsync).RequireServerPolicy(ComputePolicies.TagsIndex);
        routes.MapPut("/servers/{id}/tags", ReplaceAsync).RequireServerPolicy(ComputePolicies.TagsUpdateAll);
        routes.MapDelete("/servers/{id}/tags", ClearAsync).RequireServerPolicy(ComputePolicies.TagsDeleteAll);
        routes.MapGet("/servers/{id}/tags/{tag}", CheckAsync).RequireServerPolicy(ComputePolicies.TagsShow);
        routes.MapPut("/servers/{id}/tags/{tag}", AddAsync).RequireServerPolicy(ComputePolicies.TagsUpdate);
        routes.MapDelete("/servers/{id}/tags/{tag}", RemoveAsync).RequireServerPolicy(ComputePolicies.TagsDelete);
    }

    private static async Task<IResult> ListAsync(HttpContext context, string id, IGrainFactory grains)
    {
        var request = Request(context);
        var server = await grains.GetGrain<IServerGrain>(ServerRoute.ParseId(id)).GetAsync(request.Caller);
        return Tags(server.Tags);
    }

    private static async Task<IResult> ReplaceAsync(HttpContext context, string id, IGrainFactory grains)
    {
        var request = Request(context);
        using var body = await JsonBody.ReadAsync(context);
        var tags = TagRules.ParseList(BodyRules.Envelope(body.RootElement, "tags"));
        var result = await grains.GetGrain<IServerGrain>(ServerRoute.ParseId(id))
            .ChangeTagsAsync(request.Caller, new TagChange { Kind = TagChangeKind.ReplaceAll, Tags = tags });
        return Tags(result.Tags);
    }

    private static async Task<IResult> ClearAsync(HttpContext context, string id, IGrainFactory grains)
    {
        var request = Request(context);
        await grains.GetGrain<IServerGrain>(ServerRoute.ParseId(id)).ChangeTagsAsync(request.Caller, new TagChange { Kind = TagChangeKind.RemoveAll });
        return Results.StatusCode(204);
    }

    private static async Task<IResult> CheckAsync(HttpContext context, string id, string tag, IGrainFactory grains)
    {
        var request = Request(context);
        var server = await grains.GetGrain<IServerGrain>(ServerRoute.ParseId(id)).GetAsync(request.Caller);
        return server.Tags.Contains(tag, StringComparer.Ordinal)
            ? Results.StatusCode(204)
            : throw ComputeFaultException.NotFound($"Server {server.Id} has no tag '{tag}'");
    }

    private static async Task<IResult> AddAsync(HttpContext context, string id, string tag, IGrainFactory grains)
    {
        var request = Request(context);
        TagRules.ValidateSingle(tag);
        var serverId = ServerRoute.ParseId(id);
        var result = await grains.GetGrain<IServerGrain>(serverId).ChangeTagsAsync(request.Caller, new TagChange { Kind = TagChangeKind.Add, Tag = tag });
        if (!result.Added)
        {
            return Results.StatusCode(204);
        }

        context.Response.Headers.Location = request.Links.Self("servers", serverId.ToString()) + "/tags/" + Uri.EscapeDataString(tag);
        return Results.StatusCode(201);
    }

    private static async Task<IResult> RemoveAsync(HttpContext context, string id, string tag, IGrainFactory grains)
    {
        var request = Request(context);
        await grains.GetGrain<IServerGrain>(ServerRoute.ParseId(id)).ChangeTagsAsync(request.Caller, new TagChange { Kind = TagChangeKind.Remove, Tag = tag });
        return Results.StatusCode(204);
    }

    private static ComputeRequest Request(HttpContext context)
    {
        var request = ComputeRequest.From(context);
        ServerRoute.RequireVersion(request, 2, 26);
        return request;
    }

    private static JsonResponse Tags(IReadOnlyList<string> tags) => new(200, w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("tags");
        foreach (var tag in tags)
        {
            w.WriteStringValue(tag);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });
}

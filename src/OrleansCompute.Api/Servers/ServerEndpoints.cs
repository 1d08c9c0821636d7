using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using OrleansCompute.Api.Servers.Listing;
using OrleansCompute.Catalog;
using OrleansCompute.Api.Policy;
using OrleansCompute.Faults;
using OrleansCompute.Indexing;
using OrleansCompute.Reservations;
using OrleansCompute.Servers;

namespace OrleansCompute.Api.Servers;

/// <summary>
/// The Nova servers routes. Each handler validates, makes one grain call (or one index query) and renders the
/// view of the negotiated microversion.
/// </summary>
internal static class ServerEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/servers", CreateAsync).RequirePolicy(ComputePolicies.ServersCreate);
        routes.MapGet("/servers", ListAsync).RequirePolicy(ComputePolicies.ServersIndex);
        routes.MapGet("/servers/detail", ListDetailAsync).RequirePolicy(ComputePolicies.ServersDetail);
        routes.MapGet("/servers/{id}", ShowAsync).RequireServerPolicy(ComputePolicies.ServersShow);
        routes.MapDelete("/servers/{id}", DeleteAsync).RequireServerPolicy(ComputePolicies.ServersDelete);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, IGrainFactory grains, ServerCreation creation, IOptions<ComputeApiOptions> options)
    {
        var request = ComputeRequest.From(context);
        using var body = await JsonBody.ReadAsync(context);
        var parsed = CreateServerRequestParser.Parse(body.RootElement, request.Version);
        var prepared = await creation.PrepareAsync(parsed, request.Caller);
        // One grain call: the create saga in the grains reserves, claims, joins, places and creates (or gives back).
        var outcome = await grains.GetGrain<ICreateCoordinatorGrain>(0).CreateAsync(prepared);

        if (parsed.ReturnReservationId)
        {
            return new JsonResponse(202, w =>
            {
                w.WriteStartObject();
                w.WriteString("reservation_id", outcome.ReservationId);
                w.WriteEndObject();
            });
        }

        var adminPass = options.Value.EnableInstancePassword ? parsed.AdminPass ?? AdminPasswordGenerator.Generate(options.Value.PasswordLength) : null;
        // The answer shows the first member; every member shares the template's disk config.
        var firstId = outcome.Members[0].ServerId;
        var location = request.Links.Self("servers", firstId.ToString());
        return new JsonResponse(202, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("server");
            w.WriteString("id", firstId);
            ServerViewWriter.WriteLinks(w, request.Links, "servers", firstId.ToString());
            w.WriteString("OS-DCF:diskConfig", prepared.Template.DiskConfig);
            w.WriteStartArray("security_groups");
            foreach (var group in parsed.SecurityGroups)
            {
                w.WriteStartObject();
                w.WriteString("name", group);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (adminPass is not null)
            {
                w.WriteString("adminPass", adminPass);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }, location);
    }

    private static async Task<IResult> ListAsync(HttpContext context, IServerIndex index, ComputeCatalog catalog, IOptions<ComputeApiOptions> options)
    {
        var request = ComputeRequest.From(context);
        var query = ListServersQuery.Parse(context.Request.Query, request.Caller, request.Version, options.Value.MaxLimit, catalog, ListPermissions.For(request, detail: false));
        var servers = await index.QueryAsync(query, context.RequestAborted);
        return ListResponse(context, request, query, servers, "servers", (w, s) => ServerViewWriter.WriteSummary(w, s, request.Links));
    }

    private static async Task<IResult> ListDetailAsync(HttpContext context, IServerIndex index, ServerViewWriter views, ComputeCatalog catalog, IOptions<ComputeApiOptions> options)
    {
        var request = ComputeRequest.From(context);
        var query = ListServersQuery.Parse(context.Request.Query, request.Caller, request.Version, options.Value.MaxLimit, catalog, ListPermissions.For(request, detail: true));
        var servers = await index.QueryAsync(query, context.RequestAborted);
        await views.PrepareAsync(servers, request);
        return ListResponse(context, request, query, servers, "servers/detail", (w, s) => views.WriteFull(w, s, request, ServerViewKind.Detail));
    }

    private static JsonResponse ListResponse(HttpContext context, ComputeRequest request, ServerQuery query, IReadOnlyList<ServerSnapshot> servers, string collection, Action<Utf8JsonWriter, ServerSnapshot> writeServer)
    {
        var next = servers.Count > 0
            ? NextPageLink.For(context.Request.Query, request.Links.Collection(collection), servers.Count, query.Limit, servers[^1].Id.ToString())
            : null;
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("servers");
            foreach (var server in servers)
            {
                writeServer(w, server);
            }

            w.WriteEndArray();
            if (next is not null)
            {
                w.WriteStartArray("servers_links");
                w.WriteStartObject();
                w.WriteString("rel", "next");
                w.WriteString("href", next);
                w.WriteEndObject();
                w.WriteEndArray();
            }

            w.WriteEndObject();
        });
    }

    private static async Task<IResult> ShowAsync(HttpContext context, string id, IGrainFactory grains, ServerViewWriter views)
    {
        var request = ComputeRequest.From(context);
        var server = await grains.GetGrain<IServerGrain>(Resources.ServerRoute.ParseId(id)).GetAsync(request.Caller);
        await views.PrepareAsync([server], request);
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("server");
            views.WriteFull(w, server, request, ServerViewKind.Show);
            w.WriteEndObject();
        });
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, string id, IGrainFactory grains)
    {
        var request = ComputeRequest.From(context);
        await grains.GetGrain<IServerGrain>(Resources.ServerRoute.ParseId(id)).DeleteAsync(request.Caller);
        return Results.StatusCode(204);
    }
}

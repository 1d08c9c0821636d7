using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using OrleansCompute.Api.Policy;
using OrleansCompute.Faults;
using OrleansCompute.Indexing;
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
        if (parsed.MaxCount > 1 || parsed.MinCount > 1)
        {
            throw ComputeFaultException.BadRequest("Creating more than one server per request (min_count/max_count above 1) is not supported yet.");
        }

        var serverId = Guid.NewGuid();
        var reservationId = ServerCreation.NewReservationId();
        var command = creation.ToCommand(parsed, request.Caller, serverId, reservationId, launchIndex: 0, parsed.Name);
        var server = await grains.GetGrain<IServerGrain>(serverId).CreateAsync(command);

        if (parsed.ReturnReservationId)
        {
            return new JsonResponse(202, w =>
            {
                w.WriteStartObject();
                w.WriteString("reservation_id", reservationId);
                w.WriteEndObject();
            });
        }

        var adminPass = options.Value.EnableInstancePassword ? parsed.AdminPass ?? AdminPasswordGenerator.Generate(options.Value.PasswordLength) : null;
        var location = request.Links.Self("servers", server.Id.ToString());
        return new JsonResponse(202, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("server");
            w.WriteString("id", server.Id);
            ServerViewWriter.WriteLinks(w, request.Links, "servers", server.Id.ToString());
            w.WriteString("OS-DCF:diskConfig", server.DiskConfig);
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

    private static async Task<IResult> ListAsync(HttpContext context, IServerIndex index, IOptions<ComputeApiOptions> options)
    {
        var request = ComputeRequest.From(context);
        var query = ListServersQuery.Parse(context.Request.Query, request.Caller, request.Version, options.Value.MaxLimit);
        var servers = await index.QueryAsync(query, context.RequestAborted);
        return ListResponse(context, request, query, servers, "servers", (w, s) => ServerViewWriter.WriteSummary(w, s, request.Links));
    }

    private static async Task<IResult> ListDetailAsync(HttpContext context, IServerIndex index, ServerViewWriter views, IOptions<ComputeApiOptions> options)
    {
        var request = ComputeRequest.From(context);
        var query = ListServersQuery.Parse(context.Request.Query, request.Caller, request.Version, options.Value.MaxLimit);
        var servers = await index.QueryAsync(query, context.RequestAborted);
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
        var server = await grains.GetGrain<IServerGrain>(ParseId(id)).GetAsync(request.Caller);
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
        await grains.GetGrain<IServerGrain>(ParseId(id)).DeleteAsync(request.Caller);
        return Results.StatusCode(204);
    }

    /// <summary>A server id that is not a UUID is a 404, not a 400, as in Nova.</summary>
    private static Guid ParseId(string id) =>
        Guid.TryParse(id, out var guid) ? guid : throw ComputeFaultException.NotFound($"Instance {id} could not be found.");
}

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
using OrleansCompute.Networking;
using OrleansCompute.Quotas;
using OrleansCompute.Reservations;
using OrleansCompute.ServerGroups;
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
        var reservationId = ServerCreation.NewReservationId();
        var firstServer = prepared.MaxCount > 1
            ? await CreateManyAsync(grains, prepared, reservationId)
            : await CreateOneAsync(grains, prepared, reservationId);

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
        var location = request.Links.Self("servers", firstServer.Id.ToString());
        return new JsonResponse(202, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("server");
            w.WriteString("id", firstServer.Id);
            ServerViewWriter.WriteLinks(w, request.Links, "servers", firstServer.Id.ToString());
            w.WriteString("OS-DCF:diskConfig", firstServer.DiskConfig);
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

    /// <summary>
    /// One server: reserve a requested fixed IP or port (409 when taken), claim its quota (403), then create
    /// it; a failure after a step gives back what the earlier steps took.
    /// </summary>
    private static async Task<ServerSnapshot> CreateOneAsync(IGrainFactory grains, PreparedCreate prepared, string reservationId)
    {
        var serverId = Guid.NewGuid();
        var command = ServerCreation.ForServer(prepared.Template, serverId, reservationId, launchIndex: 0, prepared.Template.Name);
        var project = grains.GetGrain<IProjectGrain>(command.Caller.ProjectId);
        var reserved = new List<NetworkRequest>();
        try
        {
            foreach (var network in prepared.Reservations)
            {
                await grains.GetGrain<INetworkGrain>(network.NetworkId!).ReserveAsync(serverId, network.FixedIp, network.PortId);
                reserved.Add(network);
            }

            await project.ClaimServersAsync(new InstanceClaim
            {
                ServerIds = [serverId],
                Vcpus = command.Flavor.Vcpus,
                RamMb = command.Flavor.RamMb,
                MetadataItems = prepared.MetadataItems,
                InjectedFiles = prepared.InjectedFiles,
                LongestInjectedFilePath = prepared.LongestInjectedFilePath,
                LargestInjectedFileContent = prepared.LargestInjectedFileContent,
            });
            // The member is recorded before it is scheduled, so the group's member quota holds under racing creates.
            if (command.ServerGroupId is { } group
                && !await grains.GetGrain<IServerGroupGrain>(group).AddMembersAsync(new Dictionary<Guid, string?> { [serverId] = null }, prepared.GroupMemberLimit))
            {
                throw ComputeFaultException.Forbidden(ServerCreation.GroupQuotaMessage);
            }

            return await grains.GetGrain<IServerGrain>(serverId).CreateAsync(command);
        }
        catch (Exception exception) when (CreateCompensation.GivesBack(exception))
        {
            await GiveBackAsync();
            throw;
        }
        catch (Exception exception) when (CreateCompensation.IsUndecided(exception))
        {
            // Timed out: the server may exist. Its grain decides, and refuses a late create once it said no.
            if (await CreateCompensation.TryAbandonAsync(grains.GetGrain<IServerGrain>(serverId)))
            {
                await GiveBackAsync();
            }

            throw;
        }

        async Task GiveBackAsync()
        {
            if (command.ServerGroupId is { } joined)
            {
                await grains.GetGrain<IServerGroupGrain>(joined).RemoveMemberAsync(serverId);
            }

            await project.ReleaseServerAsync(serverId);
            foreach (var network in reserved)
            {
                await grains.GetGrain<INetworkGrain>(network.NetworkId!).ReleaseAsync(serverId, network.FixedIp, network.PortId);
            }
        }
    }

    /// <summary>Several servers: the reservation claims, places and creates them; the answer shows the first.</summary>
    private static async Task<ServerSnapshot> CreateManyAsync(IGrainFactory grains, PreparedCreate prepared, string reservationId)
    {
        var outcome = await grains.GetGrain<IReservationGrain>(reservationId).CreateAsync(new ReservationRequest
        {
            Template = prepared.Template,
            MinCount = prepared.MinCount,
            MaxCount = prepared.MaxCount,
            MetadataItems = prepared.MetadataItems,
            InjectedFiles = prepared.InjectedFiles,
            LongestInjectedFilePath = prepared.LongestInjectedFilePath,
            LargestInjectedFileContent = prepared.LargestInjectedFileContent,
        });
        var first = outcome.Members[0];
        return await grains.GetGrain<IServerGrain>(first.ServerId).GetAsync(prepared.Template.Caller);
    }

    private static async Task<IResult> ListAsync(HttpContext context, IServerIndex index, ComputeCatalog catalog, IOptions<ComputeApiOptions> options)
    {
        var request = ComputeRequest.From(context);
        var query = ListServersQuery.Parse(context.Request.Query, request.Caller, request.Version, options.Value.MaxLimit, catalog, ListPermissions.For(request, detail: false));
        await MarkerVisibility.EnsureVisibleAsync(query, request.Caller, index, context.RequestAborted);
        var servers = await index.QueryAsync(query, context.RequestAborted);
        return ListResponse(context, request, query, servers, "servers", (w, s) => ServerViewWriter.WriteSummary(w, s, request.Links));
    }

    private static async Task<IResult> ListDetailAsync(HttpContext context, IServerIndex index, ServerViewWriter views, ComputeCatalog catalog, IOptions<ComputeApiOptions> options)
    {
        var request = ComputeRequest.From(context);
        var query = ListServersQuery.Parse(context.Request.Query, request.Caller, request.Version, options.Value.MaxLimit, catalog, ListPermissions.For(request, detail: true));
        await MarkerVisibility.EnsureVisibleAsync(query, request.Caller, index, context.RequestAborted);
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
        var server = await grains.GetGrain<IServerGrain>(ParseId(id)).GetAsync(request.Caller);
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
        await grains.GetGrain<IServerGrain>(ParseId(id)).DeleteAsync(request.Caller);
        return Results.StatusCode(204);
    }

    /// <summary>A server id that is not a UUID is a 404, not a 400, as in Nova.</summary>
    private static Guid ParseId(string id) => Resources.ServerRoute.ParseId(id);
}

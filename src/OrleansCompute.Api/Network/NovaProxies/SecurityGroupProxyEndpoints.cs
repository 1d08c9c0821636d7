using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using OrleansCompute.Api.Policy;
using OrleansCompute.Api.Servers.Resources;
using OrleansCompute.Faults;
using OrleansCompute.Networking;
using OrleansCompute.Policy;
using OrleansCompute.Servers;
using static OrleansCompute.Api.Network.NovaProxies.NovaNetworkProxy;

namespace OrleansCompute.Api.Network.NovaProxies;

/// <summary>
/// Nova's <c>os-security-groups</c> proxy (below 2.36) over the network service, as
/// <c>nova/api/openstack/compute/security_groups.py</c> answers with Neutron behind: the caller's project's groups
/// (all projects' for an admin asking <c>all_tenants</c>) sorted by tenant and name, Nova's shapes, 200 on create and
/// update, 202 on delete; and <c>GET /servers/{id}/os-security-groups</c>, the groups on the server's ports.
/// </summary>
internal static class SecurityGroupProxyEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/os-security-groups", ListAsync).BelowProxyCutoff().RequirePolicy(ComputePolicies.SecurityGroupsGet);
        routes.MapGet("/os-security-groups/{id}", ShowAsync).BelowProxyCutoff().RequirePolicy(ComputePolicies.SecurityGroupsShow);
        routes.MapPost("/os-security-groups", CreateAsync).BelowProxyCutoff().RequirePolicy(ComputePolicies.SecurityGroupsCreate);
        routes.MapPut("/os-security-groups/{id}", UpdateAsync).BelowProxyCutoff().RequirePolicy(ComputePolicies.SecurityGroupsUpdate);
        routes.MapDelete("/os-security-groups/{id}", DeleteAsync).BelowProxyCutoff().RequirePolicy(ComputePolicies.SecurityGroupsDelete);
        routes.MapGet("/servers/{server_id}/os-security-groups", ServerGroupsAsync).BelowProxyCutoff().RequireServerPolicy(ComputePolicies.ServerSecurityGroupsList);
    }

    private static async Task<IResult> ListAsync(HttpContext context, [FromServices] NetworkService registered)
    {
        var (request, network) = Begin(context);
        var caller = request.Caller;
        var groups = caller.IsAdmin && context.Request.Query.ContainsKey("all_tenants")
            ? await network.ListAsync<SecurityGroup>(NeutronKinds.SecurityGroup, caller, _ => true)
            : [.. await network.ProjectGroupsAsync(caller.ProjectId)];
        var page = Limited(groups.OrderBy(g => g.ProjectId, StringComparer.Ordinal).ThenBy(g => g.Name, StringComparer.Ordinal), context.Request.Query).ToList();
        return await GroupsAsync(network, page);
    }

    private static async Task<IResult> ShowAsync(HttpContext context, string id)
    {
        var (request, network) = Begin(context);
        var group = await CallAsync(() => network.SecurityGroupAsync(SecurityGroupId(id), request.Caller));
        return await GroupAsync(network, group);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, [FromServices] NetworkService registered)
    {
        var (request, network) = Begin(context);
        var (name, description) = await NameAndDescriptionAsync(context);
        // Neutron's 409 (a second "default") is Nova's over-quota 403.
        var group = await CallAsync(() => SecurityGroupChanges.CreateAsync(network, request.Caller.ProjectId, name, description), conflictStatus: 403);
        return await GroupAsync(network, group);
    }

    private static async Task<IResult> UpdateAsync(HttpContext context, string id)
    {
        var (request, network) = Begin(context);
        var group = await CallAsync(() => network.SecurityGroupAsync(SecurityGroupId(id), request.Caller));
        var (name, description) = await NameAndDescriptionAsync(context);
        var updated = await CallAsync(() => network.Grains.GetGrain<ISecurityGroupGrain>(group.Id).UpdateAsync(name, description));
        return await GroupAsync(network, updated);
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, string id)
    {
        var (request, network) = Begin(context);
        var group = await CallAsync(() => network.SecurityGroupAsync(SecurityGroupId(id), request.Caller));
        await CallAsync(async () =>
        {
            await SecurityGroupChanges.DeleteAsync(network, group, request.Caller);
            return true;
        });
        return Results.StatusCode(202);
    }

    private static async Task<IResult> ServerGroupsAsync(HttpContext context, IGrainFactory grains, string server_id)
    {
        var (request, network) = Begin(context);
        var server = await grains.GetGrain<IServerGrain>(ServerRoute.ParseId(server_id)).GetAsync(request.Caller);
        var ids = new List<string>();
        foreach (var portId in server.Addresses.Select(a => a.PortId).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            if (await grains.GetGrain<IPortGrain>(portId).GetAsync() is { } port)
            {
                ids.AddRange(port.SecurityGroups.Where(g => !ids.Contains(g, StringComparer.Ordinal)));
            }
        }

        var groups = new List<SecurityGroup>();
        foreach (var id in ids)
        {
            if (await grains.GetGrain<ISecurityGroupGrain>(id).GetAsync() is { } group)
            {
                groups.Add(group);
            }
        }

        return await GroupsAsync(network, groups);
    }

    /// <summary>Nova's <c>_from_body</c> and <c>validate_property</c>: the envelope, then a name and a description of 1 to 255 characters once stripped.</summary>
    private static async Task<(string Name, string Description)> NameAndDescriptionAsync(HttpContext context)
    {
        using var body = await JsonBody.ReadAsync(context);
        var root = body.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.EnumerateObject().Any())
        {
            throw ComputeFaultException.BadRequest("The request body can't be empty");
        }

        if (!root.TryGetProperty("security_group", out var group) || group.ValueKind == JsonValueKind.Null)
        {
            throw ComputeFaultException.BadRequest("Missing parameter security_group");
        }

        if (group.ValueKind != JsonValueKind.Object)
        {
            throw ComputeFaultException.BadRequest("Security group name is not a string or unicode");
        }

        return (Property(group, "name"), Property(group, "description"));
    }

    private static string Property(JsonElement group, string property)
    {
        if (!group.TryGetProperty(property, out var value) || value.ValueKind != JsonValueKind.String)
        {
            throw ComputeFaultException.BadRequest($"Security group {property} is not a string or unicode");
        }

        var text = value.GetString()!.Trim();
        return text.Length switch
        {
            0 => throw ComputeFaultException.BadRequest($"{property} has 0 characters, less than 1."),
            > 255 => throw ComputeFaultException.BadRequest($"{property} has {text.Length} characters, more than 255."),
            _ => text,
        };
    }

    private static async Task<IResult> GroupAsync(NetworkService network, SecurityGroup group)
    {
        var remotes = await NovaSecurityGroupView.RemotesAsync(network, [group]);
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("security_group");
            NovaSecurityGroupView.WriteGroup(w, group, remotes);
            w.WriteEndObject();
        });
    }

    private static async Task<IResult> GroupsAsync(NetworkService network, IReadOnlyList<SecurityGroup> groups)
    {
        var remotes = await NovaSecurityGroupView.RemotesAsync(network, groups);
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("security_groups");
            foreach (var group in groups)
            {
                NovaSecurityGroupView.WriteGroup(w, group, remotes);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using OrleansCompute.Api.Auth;
using OrleansCompute.Networking;
using static OrleansCompute.Api.Network.NeutronRoutes;

namespace OrleansCompute.Api.Network;

/// <summary>Neutron's <c>/v2.0/security-groups</c>; a project's <c>default</c> group is made the first time the project lists or uses groups.</summary>
internal static class SecurityGroupEndpoints
{
    private static readonly HashSet<string> SortKeys = ["id", "name", "project_id"];

    private static readonly HashSet<string> Updatable = ["name", "description", "stateful"];

    private static readonly HashSet<string> Creatable = [.. Updatable, "project_id", "tenant_id"];

    public static void Map(RouteGroupBuilder v2)
    {
        v2.MapGet("/security-groups", ListAsync);
        v2.MapGet("/security-groups/{id}", ShowAsync);
        v2.MapPost("/security-groups", CreateAsync);
        v2.MapPut("/security-groups/{id}", UpdateAsync);
        v2.MapDelete("/security-groups/{id}", DeleteAsync);
    }

    private static async Task<IResult> ListAsync(HttpContext context, [FromServices] NetworkService registered)
    {
        var service = Service(context);
        var caller = context.Caller();
        await ProjectSecurityGroups.EnsureAsync(service.Grains, caller.ProjectId, service.Catalog);
        var groups = await service.ListAsync<SecurityGroup>(NeutronKinds.SecurityGroup, caller, g => NeutronVisibility.Owns(caller, g.ProjectId));
        return NeutronListing.Respond(context, "security_groups", groups.Select(NeutronViews.SecurityGroup), SortKeys, NeutronFaultException.SecurityGroupNotFound);
    }

    private static async Task<IResult> ShowAsync(HttpContext context, string id)
    {
        var group = await Service(context).SecurityGroupAsync(id, context.Caller());
        return Shown(context, "security_group", NeutronViews.SecurityGroup(group));
    }

    private static async Task<IResult> CreateAsync(HttpContext context, [FromServices] NetworkService registered)
    {
        var service = Service(context);
        var caller = context.Caller();
        var body = await NeutronBody.ReadAsync(context, "security_group", Creatable);
        var projectId = NeutronVisibility.ProjectFor(caller, body, "create_security_group");
        var created = await SecurityGroupChanges.CreateAsync(service, projectId, body.String("name") ?? "", body.String("description") ?? "", body.Bool("stateful") ?? true);
        return NeutronResponses.One(201, "security_group", NeutronViews.SecurityGroup(created));
    }

    private static async Task<IResult> UpdateAsync(HttpContext context, string id)
    {
        var service = Service(context);
        var caller = context.Caller();
        var group = await service.SecurityGroupAsync(id, caller);
        var body = await NeutronBody.ReadAsync(context, "security_group", Updatable);
        var updated = await service.Grains.GetGrain<ISecurityGroupGrain>(group.Id).UpdateAsync(body.String("name"), body.String("description"));
        return NeutronResponses.One(200, "security_group", NeutronViews.SecurityGroup(updated));
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, string id)
    {
        var service = Service(context);
        var caller = context.Caller();
        var group = await service.SecurityGroupAsync(id, caller);
        await SecurityGroupChanges.DeleteAsync(service, group, caller);
        return NeutronResponses.NoContent();
    }
}

using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansCompute.Api.Policy;
using OrleansCompute.Api.Validation;
using OrleansCompute.Catalog;
using OrleansCompute.Faults;
using OrleansCompute.Flavors;

namespace OrleansCompute.Api.Flavors;

/// <summary>
/// Nova's flavor access (admin): <c>GET /flavors/{id}/os-flavor-access</c> lists the projects of a private
/// flavor; <c>POST /flavors/{id}/action</c> with <c>addTenantAccess</c> or <c>removeTenantAccess</c> changes
/// them and answers with the whole list.
/// </summary>
internal static class FlavorAccessEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/flavors/{id}/os-flavor-access", List).RequirePolicy(ComputePolicies.FlavorAccessList);
        routes.MapPost("/flavors/{id}/action", ActAsync);
    }

    private static JsonResponse List(HttpContext context, string id, ComputeCatalog catalog)
    {
        _ = ComputeRequest.From(context);
        var flavor = catalog.FindFlavor(id) ?? throw ComputeFaultException.NotFound($"Flavor {id} could not be found.");
        if (flavor.IsPublic)
        {
            throw ComputeFaultException.NotFound("Access list not available for public flavors.");
        }

        return Access(flavor);
    }

    private static async Task<IResult> ActAsync(HttpContext context, string id, IGrainFactory grains, ComputeCatalog catalog)
    {
        var request = ComputeRequest.From(context);
        using var body = await JsonBody.ReadAsync(context);
        var root = body.RootElement;
        var (action, rule) = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("addTenantAccess", out _)
            ? ("addTenantAccess", ComputePolicies.FlavorAccessAdd)
            : root.ValueKind == JsonValueKind.Object && root.TryGetProperty("removeTenantAccess", out _)
                ? ("removeTenantAccess", ComputePolicies.FlavorAccessRemove)
                : throw ComputeFaultException.BadRequest("There is no such action: " + (root.ValueKind == JsonValueKind.Object ? string.Join(",", root.EnumerateObject().Select(p => p.Name)) : ""));
        request.Authorize(rule);
        var tenant = ParseTenant(root.GetProperty(action), action);
        var store = FlavorManageEndpoints.Store(grains);
        var set = action == "addTenantAccess"
            ? await store.AddAccessAsync(id, tenant, refusePublic: request.Version.AtLeast(2, 7))
            : await store.RemoveAccessAsync(id, tenant);
        catalog.Apply(set);
        return Access(set.Flavors.First(f => f.Id == id).ToDefinition());
    }

    private static string ParseTenant(JsonElement action, string name)
    {
        if (action.ValueKind != JsonValueKind.Object)
        {
            throw SchemaErrors.WrongType(name, action, "object");
        }

        if (!action.TryGetProperty("tenant", out var tenant))
        {
            throw SchemaErrors.Required("tenant");
        }

        foreach (var property in action.EnumerateObject().Where(p => p.Name != "tenant"))
        {
            throw SchemaErrors.Additional(property.Name);
        }

        if (tenant.ValueKind != JsonValueKind.String)
        {
            throw SchemaErrors.WrongType("tenant", tenant, "string");
        }

        var text = tenant.GetString()!;
        return text.Length is 0 or > 255
            ? throw SchemaErrors.Invalid("tenant", tenant, $"'{text}' is too {(text.Length == 0 ? "short" : "long")}")
            : text;
    }

    private static JsonResponse Access(FlavorDefinition flavor) => new(200, w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("flavor_access");
        foreach (var project in flavor.Projects)
        {
            w.WriteStartObject();
            w.WriteString("flavor_id", flavor.Id);
            w.WriteString("tenant_id", project);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });
}

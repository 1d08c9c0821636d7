using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansCompute.Api.Policy;
using OrleansCompute.Api.Servers.Resources;
using OrleansCompute.Api.Validation;
using OrleansCompute.Catalog;
using OrleansCompute.Faults;
using OrleansCompute.Flavors;

namespace OrleansCompute.Api.Flavors;

/// <summary>
/// Nova's flavor management (admin): <c>POST /flavors</c> (200 with the full view), <c>PUT /flavors/{id}</c>
/// (the description, 2.55+) and <c>DELETE /flavors/{id}</c> (202, a hard delete: servers keep their copy).
/// One call to the flavor store each; its answer refreshes this process's catalog at once.
/// </summary>
internal static class FlavorManageEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/flavors", CreateAsync).RequirePolicy(ComputePolicies.FlavorCreate);
        routes.MapPut("/flavors/{id}", UpdateAsync).RequirePolicy(ComputePolicies.FlavorUpdate);
        routes.MapDelete("/flavors/{id}", DeleteAsync).RequirePolicy(ComputePolicies.FlavorDelete);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, IGrainFactory grains, ComputeCatalog catalog)
    {
        var request = ComputeRequest.From(context);
        using var body = await JsonBody.ReadAsync(context);
        var flavor = CreateFlavorParser.Parse(body.RootElement, request.Version);
        catalog.Apply(await Store(grains).CreateAsync(flavor));
        return FlavorEndpoints.Single(flavor.ToDefinition(), request);
    }

    private static async Task<IResult> UpdateAsync(HttpContext context, string id, IGrainFactory grains, ComputeCatalog catalog)
    {
        var request = ComputeRequest.From(context);
        ServerRoute.RequireVersion(request, 2, 55);
        using var body = await JsonBody.ReadAsync(context);
        var root = body.RootElement;
        if (root.ValueKind != System.Text.Json.JsonValueKind.Object || !root.TryGetProperty("flavor", out var flavor))
        {
            throw SchemaErrors.Required("flavor");
        }

        if (flavor.ValueKind != System.Text.Json.JsonValueKind.Object || !flavor.TryGetProperty("description", out var description))
        {
            throw SchemaErrors.Required("description");
        }

        foreach (var property in flavor.EnumerateObject().Where(p => p.Name != "description"))
        {
            throw SchemaErrors.Additional(property.Name);
        }

        var set = await Store(grains).UpdateDescriptionAsync(id, FlavorDescription.Parse(description));
        catalog.Apply(set);
        var updated = set.Flavors.First(f => f.Id == id).ToDefinition();
        return FlavorEndpoints.Single(updated, request);
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, string id, IGrainFactory grains, ComputeCatalog catalog)
    {
        _ = ComputeRequest.From(context);
        catalog.Apply(await Store(grains).DeleteAsync(id));
        return Results.StatusCode(202);
    }

    internal static IFlavorStoreGrain Store(IGrainFactory grains) => grains.GetGrain<IFlavorStoreGrain>(IFlavorStoreGrain.Key);
}

using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansCompute.Api.Policy;
using OrleansCompute.Api.Validation;
using OrleansCompute.Catalog;
using OrleansCompute.Faults;

namespace OrleansCompute.Api.Flavors;

/// <summary>
/// Nova's <c>/flavors/{flavor_id}/os-extra_specs</c>: reads from the catalog (the openstack CLI reads it for every
/// flavor it lists below microversion 2.61), writes through the flavor store.
/// </summary>
internal static class FlavorExtraSpecsEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/flavors/{flavor_id}/os-extra_specs", Index).RequirePolicy(ComputePolicies.FlavorExtraSpecsIndex);
        routes.MapGet("/flavors/{flavor_id}/os-extra_specs/{key}", Show).RequirePolicy(ComputePolicies.FlavorExtraSpecsShow);
        routes.MapPost("/flavors/{flavor_id}/os-extra_specs", CreateAsync).RequirePolicy(ComputePolicies.ExtraSpecsCreate);
        routes.MapPut("/flavors/{flavor_id}/os-extra_specs/{key}", UpdateAsync).RequirePolicy(ComputePolicies.ExtraSpecsUpdate);
        routes.MapDelete("/flavors/{flavor_id}/os-extra_specs/{key}", DeleteAsync).RequirePolicy(ComputePolicies.ExtraSpecsDelete);
    }

    /// <summary>POST merges the given specs into the flavor's and echoes them.</summary>
    private static async Task<IResult> CreateAsync(HttpContext context, string flavor_id, IGrainFactory grains, ComputeCatalog catalog)
    {
        var request = ComputeRequest.From(context);
        using var body = await JsonBody.ReadAsync(context);
        var root = body.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("extra_specs", out var specs))
        {
            throw SchemaErrors.Required("extra_specs");
        }

        var parsed = ExtraSpecRules.Parse(specs, request.Version);
        catalog.Apply(await FlavorManageEndpoints.Store(grains).SetExtraSpecsAsync(flavor_id, parsed));
        return Specs(parsed);
    }

    /// <summary>PUT sets one key: the body is exactly that key and its value.</summary>
    private static async Task<IResult> UpdateAsync(HttpContext context, string flavor_id, string key, IGrainFactory grains, ComputeCatalog catalog)
    {
        var request = ComputeRequest.From(context);
        using var body = await JsonBody.ReadAsync(context);
        var parsed = ExtraSpecRules.Parse(body.RootElement, request.Version);
        if (parsed.Count != 1)
        {
            throw ComputeFaultException.BadRequest($"Invalid input for field/attribute extra_specs. Value: {SchemaErrors.Render(body.RootElement)}. The request body must contain exactly one key");
        }

        if (!parsed.TryGetValue(key, out var value))
        {
            throw ComputeFaultException.BadRequest("Request body and URI mismatch");
        }

        catalog.Apply(await FlavorManageEndpoints.Store(grains).SetExtraSpecsAsync(flavor_id, parsed));
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WriteString(key, value);
            w.WriteEndObject();
        });
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, string flavor_id, string key, IGrainFactory grains, ComputeCatalog catalog)
    {
        _ = ComputeRequest.From(context);
        catalog.Apply(await FlavorManageEndpoints.Store(grains).DeleteExtraSpecAsync(flavor_id, key));
        return Results.Ok();
    }

    private static JsonResponse Specs(IReadOnlyDictionary<string, string> specs) => new(200, w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("extra_specs");
        foreach (var (key, value) in specs)
        {
            w.WriteString(key, value);
        }

        w.WriteEndObject();
        w.WriteEndObject();
    });

    private static JsonResponse Index(HttpContext context, string flavor_id, ComputeCatalog catalog)
    {
        var request = ComputeRequest.From(context);
        var flavor = Find(catalog, flavor_id, request);
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("extra_specs");
            foreach (var (key, value) in flavor.ExtraSpecs)
            {
                w.WriteString(key, value);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    private static JsonResponse Show(HttpContext context, string flavor_id, string key, ComputeCatalog catalog)
    {
        var request = ComputeRequest.From(context);
        var flavor = Find(catalog, flavor_id, request);
        var value = flavor.ExtraSpecs.GetValueOrDefault(key)
            ?? throw ComputeFaultException.NotFound($"Flavor {flavor_id} has no extra specs with key {key}.");
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WriteString(key, value);
            w.WriteEndObject();
        });
    }

    private static FlavorDefinition Find(ComputeCatalog catalog, string id, ComputeRequest request) =>
        catalog.FindFlavor(id, request.Caller) ?? throw ComputeFaultException.NotFound($"Flavor {id} could not be found.");
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansCompute.Api.Policy;
using OrleansCompute.Catalog;
using OrleansCompute.Faults;

namespace OrleansCompute.Api.Flavors;

/// <summary>
/// Nova's read side of <c>/flavors/{flavor_id}/os-extra_specs</c> over the configured catalog. The openstack
/// CLI reads it for every flavor it lists below microversion 2.61.
/// </summary>
internal static class FlavorExtraSpecsEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/flavors/{flavor_id}/os-extra_specs", Index).RequirePolicy(ComputePolicies.FlavorExtraSpecsIndex);
        routes.MapGet("/flavors/{flavor_id}/os-extra_specs/{key}", Show).RequirePolicy(ComputePolicies.FlavorExtraSpecsShow);
    }

    private static JsonResponse Index(HttpContext context, string flavor_id, ComputeCatalog catalog)
    {
        _ = ComputeRequest.From(context);
        var flavor = Find(catalog, flavor_id);
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
        _ = ComputeRequest.From(context);
        var flavor = Find(catalog, flavor_id);
        var value = flavor.ExtraSpecs.GetValueOrDefault(key)
            ?? throw ComputeFaultException.NotFound($"Flavor {flavor_id} has no extra specs with key {key}.");
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WriteString(key, value);
            w.WriteEndObject();
        });
    }

    private static FlavorDefinition Find(ComputeCatalog catalog, string id) =>
        catalog.FindFlavor(id) ?? throw ComputeFaultException.NotFound($"Flavor {id} could not be found.");
}

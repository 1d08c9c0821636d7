using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansCompute.Api.Policy;
using OrleansCompute.Catalog;
using OrleansCompute.Faults;

namespace OrleansCompute.Api.Zones;

/// <summary>
/// <c>/os-availability-zone</c>: the zones of the configured hosts; <c>/detail</c> (admin) also lists each
/// zone's hosts with their nova-compute service.
/// </summary>
internal static class AvailabilityZoneEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/os-availability-zone", (HttpContext c, ComputeCatalog catalog) => List(c, catalog, detail: false)).RequirePolicy(ComputePolicies.AvailabilityZoneList);
        routes.MapGet("/os-availability-zone/detail", (HttpContext c, ComputeCatalog catalog) => List(c, catalog, detail: true)).RequirePolicy(ComputePolicies.AvailabilityZoneDetail);
    }

    private static JsonResponse List(HttpContext context, ComputeCatalog catalog, bool detail)
    {
        // The detail route checked its rule (admin by default).
        var request = ComputeRequest.From(context);

        var zones = catalog.Hosts.GroupBy(h => h.AvailabilityZone, StringComparer.Ordinal).OrderBy(z => z.Key, StringComparer.Ordinal);
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("availabilityZoneInfo");
            foreach (var zone in zones)
            {
                w.WriteStartObject();
                w.WriteString("zoneName", zone.Key);
                w.WriteStartObject("zoneState");
                w.WriteBoolean("available", true);
                w.WriteEndObject();
                if (detail)
                {
                    w.WriteStartObject("hosts");
                    foreach (var host in zone)
                    {
                        w.WriteStartObject(host.Name);
                        w.WriteStartObject("nova-compute");
                        w.WriteBoolean("available", true);
                        w.WriteBoolean("active", true);
                        w.WriteNull("updated_at");
                        w.WriteEndObject();
                        w.WriteEndObject();
                    }

                    w.WriteEndObject();
                }
                else
                {
                    w.WriteNull("hosts");
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }
}

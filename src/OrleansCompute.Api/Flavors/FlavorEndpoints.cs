using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansCompute.Api.Servers;
using OrleansCompute.Api.Validation;
using OrleansCompute.Catalog;
using OrleansCompute.Faults;

namespace OrleansCompute.Api.Flavors;

/// <summary>Nova's flavor reads over the process's catalog (the flavor store's flavors, see <see cref="Operator.OperatorCatalogSync"/>).</summary>
internal static class FlavorEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/flavors", (HttpContext context, ComputeCatalog catalog) => List(context, catalog, detail: false));
        routes.MapGet("/flavors/detail", (HttpContext context, ComputeCatalog catalog) => List(context, catalog, detail: true));
        routes.MapGet("/flavors/{id}", Show);
    }

    private static JsonResponse List(HttpContext context, ComputeCatalog catalog, bool detail)
    {
        var request = ComputeRequest.From(context);
        var query = context.Request.Query;
        IEnumerable<FlavorDefinition> flavors = Visible(catalog.Flavors, request, query);
        if (QueryIntegers.PythonInt(query, "minDisk") is { } disk)
        {
            flavors = flavors.Where(f => f.DiskGb >= disk);
        }

        if (QueryIntegers.PythonInt(query, "minRam") is { } ram)
        {
            flavors = flavors.Where(f => f.RamMb >= ram);
        }

        if (request.Version.AtLeast(2, 102) && query.TryGetValue("name", out var name))
        {
            flavors = FlavorNameFilter.Apply(flavors, name[^1] ?? "");
        }

        // Nova sorts flavors by flavorid ascending by default.
        var ordered = flavors.OrderBy(f => f.Id, StringComparer.Ordinal).ToList();
        if (query.TryGetValue("marker", out var marker))
        {
            var position = ordered.FindIndex(f => f.Id == marker[^1]);
            if (position < 0)
            {
                throw ComputeFaultException.BadRequest($"marker [{marker[^1]}] not found");
            }

            ordered = ordered.Skip(position + 1).ToList();
        }

        if (QueryIntegers.NonNegative(query, "limit") is { } limit)
        {
            ordered = ordered.Take(limit).ToList();
        }

        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("flavors");
            foreach (var flavor in ordered)
            {
                Write(w, flavor, request, detail);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary>
    /// Nova's list visibility: a non-admin sees public flavors and the private ones granted to its project (its
    /// <c>is_public</c> is ignored); an admin's <c>is_public</c> is true by default (public plus its project's
    /// private ones), <c>false</c> (private only) or <c>none</c> (all).
    /// </summary>
    private static IEnumerable<FlavorDefinition> Visible(IEnumerable<FlavorDefinition> flavors, ComputeRequest request, IQueryCollection query)
    {
        var caller = request.Caller;
        bool Granted(FlavorDefinition f) => f.Projects.Contains(caller.ProjectId, StringComparer.Ordinal);
        if (!caller.IsAdmin)
        {
            return flavors.Where(f => f.IsPublic || Granted(f));
        }

        var value = query.TryGetValue("is_public", out var given) ? given[^1] ?? "" : "true";
        if (string.Equals(value, "none", StringComparison.OrdinalIgnoreCase))
        {
            return flavors;
        }

        var isPublic = BooleanText.Parse(System.Text.Json.JsonSerializer.SerializeToElement(value))
            ?? throw ComputeFaultException.BadRequest($"Invalid is_public filter [{value}]");
        return isPublic ? flavors.Where(f => f.IsPublic || Granted(f)) : flavors.Where(f => !f.IsPublic);
    }

    private static JsonResponse Show(HttpContext context, string id, ComputeCatalog catalog)
    {
        var request = ComputeRequest.From(context);
        var flavor = catalog.FindFlavor(id, request.Caller) ?? throw ComputeFaultException.NotFound($"Flavor {id} could not be found.");
        return Single(flavor, request);
    }

    /// <summary>The <c>{"flavor": {...}}</c> document of show, create and update.</summary>
    internal static JsonResponse Single(FlavorDefinition flavor, ComputeRequest request)
    {
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("flavor");
            Write(w, flavor, request, detail: true);
            w.WriteEndObject();
        });
    }

    private static void Write(Utf8JsonWriter writer, FlavorDefinition flavor, ComputeRequest request, bool detail)
    {
        var version = request.Version;
        writer.WriteStartObject();
        writer.WriteString("id", flavor.Id);
        writer.WriteString("name", flavor.Name);
        if (detail)
        {
            writer.WriteNumber("ram", flavor.RamMb);
            writer.WriteNumber("vcpus", flavor.Vcpus);
            writer.WriteNumber("disk", flavor.DiskGb);
            writer.WriteNumber("OS-FLV-EXT-DATA:ephemeral", flavor.EphemeralGb);
            // Nova shows a swap of 0 as the empty string, and as the number 0 from 2.75.
            if (flavor.SwapMb == 0 && !version.AtLeast(2, 75))
            {
                writer.WriteString("swap", "");
            }
            else
            {
                writer.WriteNumber("swap", flavor.SwapMb);
            }

            // 2.102 drops the two fields Nova no longer uses (no flavor is ever disabled; rxtx_factor was nova-network's).
            if (!version.AtLeast(2, 102))
            {
                writer.WriteBoolean("OS-FLV-DISABLED:disabled", false);
            }

            writer.WriteBoolean("os-flavor-access:is_public", flavor.IsPublic);
            if (!version.AtLeast(2, 102))
            {
                writer.WriteNumber("rxtx_factor", flavor.RxtxFactor);
            }
        }

        ServerViewWriter.WriteLinks(writer, request.Links, "flavors", flavor.Id);
        if (version.AtLeast(2, 55))
        {
            if (flavor.Description is null)
            {
                writer.WriteNull("description");
            }
            else
            {
                writer.WriteString("description", flavor.Description);
            }
        }

        if (detail && version.AtLeast(2, 61))
        {
            writer.WriteStartObject("extra_specs");
            foreach (var (key, value) in flavor.ExtraSpecs)
            {
                writer.WriteString(key, value);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }
}

using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using OrleansCompute.Api.Microversions;
using OrleansCompute.Api.Policy;
using OrleansCompute.Api.Validation;
using OrleansCompute.Faults;
using OrleansCompute.Quotas;

namespace OrleansCompute.Api.Quotas;

/// <summary>
/// <c>/os-quota-class-sets/{class}</c> (admin): show and update a quota class. The class <c>default</c> sets every
/// project's defaults (<c>os-quota-sets/{p}/defaults</c> and the limits of projects without their own). Keys per
/// microversion as Nova: below 2.50 the network keys and no server-group keys (accepted on update, not shown),
/// from 2.50 the server-group keys and no network keys, from 2.57 no <c>injected_*</c> keys either.
/// </summary>
internal static class QuotaClassSetEndpoints
{
    private static readonly string[] ServerGroupKeys = ["server_group_members", "server_groups"];

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/os-quota-class-sets/{id}", ShowAsync).RequirePolicy(ComputePolicies.QuotaClassSetsShow);
        routes.MapPut("/os-quota-class-sets/{id}", UpdateAsync).RequirePolicy(ComputePolicies.QuotaClassSetsUpdate);
    }

    private static async Task<IResult> ShowAsync(HttpContext context, string id, IGrainFactory grains, IOptions<QuotaLimits> defaults)
    {
        var request = ComputeRequest.From(context);
        var limits = await grains.GetGrain<IQuotaClassGrain>(ClassName(id)).GetAsync();
        return Render(id, limits, defaults.Value, request.Version, includeId: true);
    }

    private static async Task<IResult> UpdateAsync(HttpContext context, string id, IGrainFactory grains, IOptions<QuotaLimits> defaults)
    {
        var request = ComputeRequest.From(context);
        var name = ClassName(id);
        using var body = await JsonBody.ReadAsync(context);
        var changes = Parse(body.RootElement, request.Version);
        var limits = await grains.GetGrain<IQuotaClassGrain>(name).UpdateAsync(changes);
        return Render(id, limits, defaults.Value, request.Version, includeId: false);
    }

    /// <summary>Nova's 1 to 255 characters; and what cannot be a grain key is no class name either.</summary>
    private static string ClassName(string id) =>
        string.IsNullOrWhiteSpace(id) || id.Length > 255 || id.Any(char.IsControl)
            ? throw ComputeFaultException.BadRequest("quota_class_name has to be a printable string of 1 to 255 characters.")
            : id;

    private static Dictionary<string, int> Parse(JsonElement body, ApiVersion version)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw SchemaErrors.WrongType("body", body, "object");
        }

        foreach (var property in body.EnumerateObject())
        {
            if (property.Name != "quota_class_set")
            {
                throw SchemaErrors.Additional(property.Name);
            }
        }

        if (!body.TryGetProperty("quota_class_set", out var set))
        {
            throw SchemaErrors.Required("quota_class_set");
        }

        if (set.ValueKind != JsonValueKind.Object)
        {
            throw SchemaErrors.WrongType("quota_class_set", set, "object");
        }

        var accepted = Keys(version).Concat(version.AtLeast(2, 50) ? [] : ServerGroupKeys).ToHashSet(StringComparer.Ordinal);
        var changes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var property in set.EnumerateObject())
        {
            if (!accepted.Contains(property.Name))
            {
                throw SchemaErrors.Additional(property.Name);
            }

            changes[property.Name] = QuotaValue.Parse("quota_class_set", property.Name, property.Value);
        }

        return changes;
    }

    /// <summary>The keys a version shows.</summary>
    private static IEnumerable<string> Keys(ApiVersion version)
    {
        var keys = new QuotaLimits().Named().Select(n => n.Name).ToList();
        if (!version.AtLeast(2, 50))
        {
            keys.RemoveAll(ServerGroupKeys.Contains);
            keys.AddRange(QuotaSetEndpoints.NetworkKeys);
        }

        if (version.AtLeast(2, 57))
        {
            keys.RemoveAll(QuotaSetEndpoints.PersonalityKeys.Contains);
        }

        return keys.Order(StringComparer.Ordinal);
    }

    private static JsonResponse Render(string id, IReadOnlyDictionary<string, int> set, QuotaLimits defaults, ApiVersion version, bool includeId)
    {
        var configured = defaults.Named().ToDictionary(n => n.Name, n => n.Value, StringComparer.Ordinal);
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("quota_class_set");
            if (includeId)
            {
                w.WriteString("id", id);
            }

            foreach (var key in Keys(version))
            {
                // A limit the class does not set is the configured default; the network quotas have none (-1).
                w.WriteNumber(key, set.TryGetValue(key, out var value) ? value : configured.GetValueOrDefault(key, -1));
            }

            w.WriteEndObject();
            w.WriteEndObject();
        });
    }
}

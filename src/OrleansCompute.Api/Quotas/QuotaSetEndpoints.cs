using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansCompute.Api.Policy;
using OrleansCompute.Api.Microversions;
using OrleansCompute.Api.Validation;
using OrleansCompute.Faults;
using OrleansCompute.Identity;
using OrleansCompute.Quotas;

namespace OrleansCompute.Api.Quotas;

/// <summary>
/// <c>/os-quota-sets/{project}</c>: show (own project, or any for an admin), defaults, detail (in_use, limit,
/// reserved), and the admin-only update and revert. Keys per microversion: the network quotas go at 2.36 and
/// the personality ones at 2.57 (sending them then is 400).
/// </summary>
internal static class QuotaSetEndpoints
{
    internal static readonly string[] NetworkKeys = ["fixed_ips", "floating_ips", "security_group_rules", "security_groups"];
    internal static readonly string[] PersonalityKeys = ["injected_file_content_bytes", "injected_file_path_bytes", "injected_files"];

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/os-quota-sets/{project}", (HttpContext c, string project, IGrainFactory g) => ShowAsync(c, project, g, QuotaView.Limits)).RequireProjectPolicy(ComputePolicies.QuotaSetsShow, "project");
        routes.MapGet("/os-quota-sets/{project}/defaults", (HttpContext c, string project, IGrainFactory g) => ShowAsync(c, project, g, QuotaView.Defaults)).RequirePolicy(ComputePolicies.QuotaSetsDefaults);
        routes.MapGet("/os-quota-sets/{project}/detail", (HttpContext c, string project, IGrainFactory g) => ShowAsync(c, project, g, QuotaView.Detail)).RequireProjectPolicy(ComputePolicies.QuotaSetsDetail, "project");
        routes.MapPut("/os-quota-sets/{project}", UpdateAsync).RequireProjectPolicy(ComputePolicies.QuotaSetsUpdate, "project");
        routes.MapDelete("/os-quota-sets/{project}", DeleteAsync).RequireProjectPolicy(ComputePolicies.QuotaSetsDelete, "project");
    }

    private enum QuotaView
    {
        Limits,
        Defaults,
        Detail,
    }

    private static async Task<IResult> ShowAsync(HttpContext context, string project, IGrainFactory grains, QuotaView view)
    {
        // The route checked the rule with the project of the URL as the target.
        var request = ComputeRequest.From(context);

        var quota = await grains.GetGrain<IProjectGrain>(GrainKeyRules.Project(project)).GetQuotaAsync();
        return Render(project, quota, request.Version, view, includeId: true);
    }

    private static async Task<IResult> UpdateAsync(HttpContext context, string project, IGrainFactory grains)
    {
        var request = ComputeRequest.From(context);
        using var body = await JsonBody.ReadAsync(context);
        var (limits, force) = ParseUpdate(body.RootElement, request.Version);
        var quota = await grains.GetGrain<IProjectGrain>(GrainKeyRules.Project(project)).UpdateLimitsAsync(limits, force);
        return Render(project, quota, request.Version, QuotaView.Limits, includeId: false);
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, string project, IGrainFactory grains)
    {
        var request = ComputeRequest.From(context);
        await grains.GetGrain<IProjectGrain>(GrainKeyRules.Project(project)).ResetLimitsAsync();
        return Results.StatusCode(202);
    }

    private static (Dictionary<string, int> Limits, bool Force) ParseUpdate(JsonElement body, ApiVersion version)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw SchemaErrors.WrongType("body", body, "object");
        }

        foreach (var property in body.EnumerateObject())
        {
            if (property.Name != "quota_set")
            {
                throw SchemaErrors.Additional(property.Name);
            }
        }

        if (!body.TryGetProperty("quota_set", out var set))
        {
            throw SchemaErrors.Required("quota_set");
        }

        if (set.ValueKind != JsonValueKind.Object)
        {
            throw SchemaErrors.WrongType("quota_set", set, "object");
        }

        var known = Keys(version).ToHashSet(StringComparer.Ordinal);
        var limits = new Dictionary<string, int>(StringComparer.Ordinal);
        var force = false;
        foreach (var property in set.EnumerateObject())
        {
            if (property.Name == "force")
            {
                force = BooleanText.Parse(property.Value) ?? throw SchemaErrors.Invalid("quota_set/force", property.Value, $"{SchemaErrors.Quoted(property.Value)} is not of type 'boolean', 'string'");
                continue;
            }

            if (!known.Contains(property.Name))
            {
                throw SchemaErrors.Additional(property.Name);
            }

            var number = QuotaValue.Parse("quota_set", property.Name, property.Value);

            // The network quotas are accepted below 2.36 as Nova does, and have no effect here.
            if (!NetworkKeys.Contains(property.Name))
            {
                limits[property.Name] = number;
            }
        }

        return (limits, force);
    }

    private static IEnumerable<string> Keys(ApiVersion version)
    {
        var keys = new QuotaLimits().Named().Select(n => n.Name).ToList();
        if (!version.AtLeast(2, 36))
        {
            keys.AddRange(NetworkKeys);
        }

        if (version.AtLeast(2, 57))
        {
            keys.RemoveAll(PersonalityKeys.Contains);
        }

        return keys.Order(StringComparer.Ordinal);
    }

    private static JsonResponse Render(string project, ProjectQuota quota, ApiVersion version, QuotaView view, bool includeId)
    {
        var limits = (view == QuotaView.Defaults ? quota.Defaults : quota.Limits).Named().ToDictionary(n => n.Name, n => n.Value, StringComparer.Ordinal);
        var usage = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["instances"] = quota.Usage.Instances,
            ["cores"] = quota.Usage.Cores,
            ["ram"] = quota.Usage.Ram,
            ["server_groups"] = quota.Usage.ServerGroups,
        };
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("quota_set");
            if (includeId)
            {
                w.WriteString("id", project);
            }

            foreach (var key in Keys(version))
            {
                var limit = limits.GetValueOrDefault(key, -1);
                if (view == QuotaView.Detail)
                {
                    w.WriteStartObject(key);
                    w.WriteNumber("in_use", usage.GetValueOrDefault(key));
                    w.WriteNumber("limit", limit);
                    w.WriteNumber("reserved", 0);
                    w.WriteEndObject();
                }
                else
                {
                    w.WriteNumber(key, limit);
                }
            }

            w.WriteEndObject();
            w.WriteEndObject();
        });
    }
}

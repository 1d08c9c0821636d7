using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansCompute.Api.Policy;
using OrleansCompute.Faults;
using OrleansCompute.Quotas;

namespace OrleansCompute.Api.Quotas;

/// <summary>
/// <c>GET /limits</c>: the project's absolute limits and usage with the keys of each microversion (network
/// keys gone at 2.36, maxImageMeta at 2.39, the personality keys at 2.57); <c>rate</c> is always empty.
/// </summary>
internal static class LimitsEndpoints
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapGet("/limits", ShowAsync).RequirePolicy(ComputePolicies.Limits);

    private static async Task<IResult> ShowAsync(HttpContext context, IGrainFactory grains)
    {
        var request = ComputeRequest.From(context);
        var version = request.Version;
        var project = request.Caller.ProjectId;
        // From 2.75 the query schema is strict: tenant_id is the only parameter (Nova's limits_query_schema_275).
        if (version.AtLeast(2, 75) && context.Request.Query.Keys.FirstOrDefault(k => k != "tenant_id") is { } unknown)
        {
            throw ComputeFaultException.BadRequest($"Additional properties are not allowed ('{unknown}' was unexpected)");
        }

        if (context.Request.Query.TryGetValue("tenant_id", out var tenant))
        {
            project = tenant[^1] ?? project;
            request.Authorize(ComputePolicies.LimitsOtherProject, new PolicyTarget(project, null));
        }

        var quota = await grains.GetGrain<IProjectGrain>(Validation.GrainKeyRules.Project(project)).GetQuotaAsync();
        var limits = quota.Limits;
        var usage = quota.Usage;
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("limits");
            w.WriteStartObject("absolute");
            if (!version.AtLeast(2, 39))
            {
                w.WriteNumber("maxImageMeta", limits.MetadataItems);
            }

            if (!version.AtLeast(2, 57))
            {
                w.WriteNumber("maxPersonality", limits.InjectedFiles);
                w.WriteNumber("maxPersonalitySize", limits.InjectedFileContentBytes);
            }

            if (!version.AtLeast(2, 36))
            {
                w.WriteNumber("maxSecurityGroupRules", -1);
                w.WriteNumber("maxSecurityGroups", -1);
            }

            w.WriteNumber("maxServerMeta", limits.MetadataItems);
            w.WriteNumber("maxTotalCores", limits.Cores);
            if (!version.AtLeast(2, 36))
            {
                w.WriteNumber("maxTotalFloatingIps", -1);
            }

            w.WriteNumber("maxTotalInstances", limits.Instances);
            w.WriteNumber("maxTotalKeypairs", limits.KeyPairs);
            w.WriteNumber("maxTotalRAMSize", limits.Ram);
            w.WriteNumber("maxServerGroups", limits.ServerGroups);
            w.WriteNumber("maxServerGroupMembers", limits.ServerGroupMembers);
            w.WriteNumber("totalCoresUsed", usage.Cores);
            w.WriteNumber("totalInstancesUsed", usage.Instances);
            w.WriteNumber("totalRAMUsed", usage.Ram);
            if (!version.AtLeast(2, 36))
            {
                w.WriteNumber("totalSecurityGroupsUsed", 0);
                w.WriteNumber("totalFloatingIpsUsed", 0);
            }

            w.WriteNumber("totalServerGroupsUsed", usage.ServerGroups);
            w.WriteEndObject();
            w.WriteStartArray("rate");
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }
}

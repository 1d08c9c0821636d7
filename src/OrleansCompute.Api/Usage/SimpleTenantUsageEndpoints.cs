using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansCompute.Api.Policy;
using OrleansCompute.Indexing;

namespace OrleansCompute.Api.Usage;

/// <summary>
/// <c>os-simple-tenant-usage</c>: every project's usage (admin) and one project's (its reader), computed from the
/// server index, deleted servers included, as Nova does from its instance table: each server that was up during
/// the period counts its hours in it with its flavor's size. Pages are over servers, ordered by project then id.
/// </summary>
internal static class SimpleTenantUsageEndpoints
{
    private const int IndexPage = 1000;

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/os-simple-tenant-usage", ListAsync).RequirePolicy(ComputePolicies.SimpleTenantUsageList);
        routes.MapGet("/os-simple-tenant-usage/{tenant_id}", ShowAsync).RequireProjectPolicy(ComputePolicies.SimpleTenantUsageShow, "tenant_id");
    }

    private static async Task<IResult> ListAsync(HttpContext context, IServerIndex index, TimeProvider time)
    {
        var request = ComputeRequest.From(context);
        var now = time.GetUtcNow();
        var query = UsageQuery.Parse(context.Request.Query, request.Version, now, index: true);
        var usages = await UsagesAsync(index, projectId: null, query, now);
        var next = NextLink(context, request, "os-simple-tenant-usage", query, usages);
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("tenant_usages");
            foreach (var project in usages.GroupBy(u => u.Server.ProjectId, StringComparer.Ordinal))
            {
                WriteUsage(w, project.Key, [.. project], query, withServers: query.Detailed);
            }

            w.WriteEndArray();
            Servers.NextPageLink.Write(w, "tenant_usages_links", next);
            w.WriteEndObject();
        });
    }

    private static async Task<IResult> ShowAsync(HttpContext context, string tenant_id, IServerIndex index, TimeProvider time)
    {
        var request = ComputeRequest.From(context);
        var now = time.GetUtcNow();
        var query = UsageQuery.Parse(context.Request.Query, request.Version, now, index: false);
        var usages = await UsagesAsync(index, tenant_id, query, now);
        var next = NextLink(context, request, $"os-simple-tenant-usage/{tenant_id}", query, usages);
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            if (usages.Count == 0)
            {
                w.WriteStartObject("tenant_usage");
                w.WriteEndObject();
            }
            else
            {
                w.WritePropertyName("tenant_usage");
                WriteUsage(w, tenant_id, usages, query, withServers: true);
            }

            Servers.NextPageLink.Write(w, "tenant_usage_links", next);
            w.WriteEndObject();
        });
    }

    /// <summary>One page of the servers that count in the period, read from the index a page at a time.</summary>
    private static async Task<List<ServerUsage>> UsagesAsync(IServerIndex index, string? projectId, UsageQuery query, DateTimeOffset now)
    {
        var found = new List<ServerUsage>();
        var marker = query.Marker;
        while (found.Count < query.Limit)
        {
            var page = await index.QueryAsync(new ServerQuery
            {
                ProjectId = projectId,
                IncludeDeleted = true,
                IncludeSoftDeleted = true,
                Sort = [new SortKey("project_id", Descending: false), new SortKey("uuid", Descending: false)],
                Marker = marker,
                Limit = IndexPage,
            });
            found.AddRange(page.Where(s => ServerUsage.Counts(s, query.Start, query.End)).Select(s => ServerUsage.Of(s, query.Start, query.End, now)));
            if (page.Count < IndexPage)
            {
                break;
            }

            marker = page[^1].Id;
        }

        return [.. found.Take(query.Limit)];
    }

    // Nova's next link (2.40+) when the page is full: the same period and limit, the last server as the marker.
    private static string? NextLink(HttpContext context, ComputeRequest request, string path, UsageQuery query, List<ServerUsage> usages) =>
        request.Version.AtLeast(2, 40) && usages.Count > 0 && usages.Count == query.Limit
            ? Servers.NextPageLink.For(context.Request.Query, request.Links.Collection(path), usages.Count, query.Limit, usages[^1].Server.Id.ToString())
            : null;

    private static void WriteUsage(Utf8JsonWriter w, string projectId, List<ServerUsage> usages, UsageQuery query, bool withServers)
    {
        w.WriteStartObject();
        w.WriteString("tenant_id", projectId);
        w.WriteString("start", NovaTime.Usage(query.Start));
        w.WriteString("stop", NovaTime.Usage(query.End));
        w.WriteNumber("total_hours", usages.Sum(u => u.Hours));
        w.WriteNumber("total_vcpus_usage", usages.Sum(u => u.Hours * u.Server.Flavor.Vcpus));
        w.WriteNumber("total_memory_mb_usage", usages.Sum(u => u.Hours * u.Server.Flavor.RamMb));
        w.WriteNumber("total_local_gb_usage", usages.Sum(u => u.Hours * u.LocalGb));
        if (withServers)
        {
            w.WriteStartArray("server_usages");
            foreach (var usage in usages)
            {
                WriteServer(w, usage);
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static void WriteServer(Utf8JsonWriter w, ServerUsage usage)
    {
        var server = usage.Server;
        w.WriteStartObject();
        w.WriteString("instance_id", server.Id.ToString());
        w.WriteString("name", server.Name);
        w.WriteString("tenant_id", server.ProjectId);
        w.WriteString("flavor", server.Flavor.Name);
        w.WriteNumber("vcpus", server.Flavor.Vcpus);
        w.WriteNumber("memory_mb", server.Flavor.RamMb);
        w.WriteNumber("local_gb", usage.LocalGb);
        w.WriteNumber("hours", usage.Hours);
        w.WriteString("started_at", NovaTime.Usage(server.LaunchedAt!.Value));
        if (server.TerminatedAt is { } ended)
        {
            w.WriteString("ended_at", NovaTime.Usage(ended));
            w.WriteString("state", "terminated");
        }
        else
        {
            w.WriteNull("ended_at");
            w.WriteString("state", server.VmState);
        }

        w.WriteNumber("uptime", usage.Uptime);
        w.WriteEndObject();
    }
}

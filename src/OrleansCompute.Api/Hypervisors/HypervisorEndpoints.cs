using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansCompute.Api.Operator;
using OrleansCompute.Api.Policy;
using OrleansCompute.Api.Servers.Resources;
using OrleansCompute.Catalog;
using OrleansCompute.Faults;
using OrleansCompute.Scheduling;

namespace OrleansCompute.Api.Hypervisors;

/// <summary>
/// Nova's <c>/os-hypervisors</c> over the simulated hosts: the sizes are the host's (before allocation ratios, as
/// Nova reports a compute node), the used figures its claims, so vcpus_used, memory_mb_used and running_vms agree
/// with the servers placed there. Ids are integers below 2.53, UUIDs from 2.53; search and servers exist below
/// 2.53 only; statistics and uptime up to 2.87.
/// </summary>
internal static class HypervisorEndpoints
{
    private const string HypervisorType = "fake";
    private const int HypervisorVersion = 1000;

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/os-hypervisors", (HttpContext c, IGrainFactory g, ComputeCatalog k) => ListAsync(c, g, k, detail: false)).RequirePolicy(ComputePolicies.HypervisorsList);
        routes.MapGet("/os-hypervisors/detail", (HttpContext c, IGrainFactory g, ComputeCatalog k) => ListAsync(c, g, k, detail: true)).RequirePolicy(ComputePolicies.HypervisorsListDetail);
        routes.MapGet("/os-hypervisors/statistics", StatisticsAsync).RequirePolicy(ComputePolicies.HypervisorsStatistics);
        routes.MapGet("/os-hypervisors/{id}", ShowAsync).RequirePolicy(ComputePolicies.HypervisorsShow);
        routes.MapGet("/os-hypervisors/{id}/uptime", UptimeAsync).RequirePolicy(ComputePolicies.HypervisorsUptime);
        routes.MapGet("/os-hypervisors/{pattern}/search", (HttpContext c, string pattern, IGrainFactory g, ComputeCatalog k) => SearchAsync(c, pattern, g, k)).RequirePolicy(ComputePolicies.HypervisorsSearch);
        routes.MapGet("/os-hypervisors/{pattern}/servers", (HttpContext c, string pattern, IGrainFactory g, ComputeCatalog k) => SearchAsync(c, pattern, g, k)).RequirePolicy(ComputePolicies.HypervisorsServers);
    }

    private static async Task<IResult> ListAsync(HttpContext context, IGrainFactory grains, ComputeCatalog catalog, bool detail)
    {
        var request = ComputeRequest.From(context);
        IEnumerable<HostUsage> hosts = await HostInventory.ReadAsync(grains, catalog);
        var query = context.Request.Query;
        if (request.Version.AtLeast(2, 53) && query.TryGetValue("hypervisor_hostname_pattern", out var pattern))
        {
            hosts = hosts.Where(h => h.Node.Contains(pattern[^1] ?? "", StringComparison.Ordinal)).ToList();
            if (!hosts.Any())
            {
                throw ComputeFaultException.NotFound($"No hypervisor matching '{pattern[^1]}' could be found.");
            }
        }

        if (request.Version.AtLeast(2, 33) && query.TryGetValue("marker", out var marker))
        {
            var ordered = hosts.ToList();
            var position = ordered.FindIndex(h => Id(h, request, catalog) == marker[^1]);
            if (position < 0)
            {
                throw ComputeFaultException.BadRequest($"marker [{marker[^1]}] not found");
            }

            hosts = ordered.Skip(position + 1);
        }

        if (request.Version.AtLeast(2, 33) && query.TryGetValue("limit", out var limitText) && int.TryParse(limitText[^1], out var limit))
        {
            hosts = hosts.Take(limit);
        }

        var list = hosts.ToList();
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("hypervisors");
            foreach (var host in list)
            {
                Write(w, host, request, catalog, detail);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static async Task<IResult> ShowAsync(HttpContext context, string id, IGrainFactory grains, ComputeCatalog catalog)
    {
        var request = ComputeRequest.From(context);
        var usage = await FindAsync(id, request, grains, catalog);
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("hypervisor");
            Write(w, usage, request, catalog, detail: true);
            w.WriteEndObject();
        });
    }

    private static async Task<IResult> UptimeAsync(HttpContext context, string id, IGrainFactory grains, ComputeCatalog catalog)
    {
        var request = ComputeRequest.From(context);
        var usage = await FindAsync(id, request, grains, catalog);
        if (usage.ForcedDown)
        {
            throw ComputeFaultException.BadRequest($"Compute service of {usage.Host} is unavailable at this time.");
        }

        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("hypervisor");
            WriteBrief(w, usage, request, catalog);
            w.WriteString("uptime", " 00:00:00 up 1 day,  0:00,  0 users,  load average: 0.00, 0.00, 0.00");
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    private static async Task<IResult> StatisticsAsync(HttpContext context, IGrainFactory grains, ComputeCatalog catalog)
    {
        _ = ComputeRequest.From(context);
        var hosts = await HostInventory.ReadAsync(grains, catalog);
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("hypervisor_statistics");
            w.WriteNumber("count", hosts.Count);
            w.WriteNumber("vcpus", hosts.Sum(h => h.TotalVcpus));
            w.WriteNumber("memory_mb", hosts.Sum(h => h.TotalRamMb));
            w.WriteNumber("local_gb", hosts.Sum(h => h.TotalDiskGb));
            w.WriteNumber("vcpus_used", hosts.Sum(h => h.UsedVcpus));
            w.WriteNumber("memory_mb_used", hosts.Sum(h => h.UsedRamMb));
            w.WriteNumber("local_gb_used", hosts.Sum(h => h.UsedDiskGb));
            w.WriteNumber("free_ram_mb", hosts.Sum(h => h.TotalRamMb - h.UsedRamMb));
            w.WriteNumber("free_disk_gb", hosts.Sum(h => h.TotalDiskGb - h.UsedDiskGb));
            w.WriteNumber("current_workload", 0);
            w.WriteNumber("running_vms", hosts.Sum(h => h.Servers));
            w.WriteNumber("disk_available_least", hosts.Sum(h => h.TotalDiskGb - h.UsedDiskGb));
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    /// <summary>The old search and servers routes (below 2.53): hosts whose name contains the pattern.</summary>
    private static async Task<IResult> SearchAsync(HttpContext context, string pattern, IGrainFactory grains, ComputeCatalog catalog)
    {
        var request = ComputeRequest.From(context);
        if (request.Version.AtLeast(2, 53))
        {
            throw ComputeFaultException.NotFound("The resource could not be found.");
        }

        var hosts = (await HostInventory.ReadAsync(grains, catalog)).Where(h => h.Node.Contains(pattern, StringComparison.Ordinal)).ToList();
        if (hosts.Count == 0)
        {
            throw ComputeFaultException.NotFound($"No hypervisor matching '{pattern}' could be found.");
        }

        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("hypervisors");
            foreach (var host in hosts)
            {
                w.WriteStartObject();
                WriteBrief(w, host, request, catalog);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static async Task<HostUsage> FindAsync(string id, ComputeRequest request, IGrainFactory grains, ComputeCatalog catalog)
    {
        var uuids = request.Version.AtLeast(2, 53);
        if (uuids && !Guid.TryParse(id, out _))
        {
            throw ComputeFaultException.BadRequest($"Invalid uuid {id}");
        }

        var host = HostInventory.HostOf(catalog, id, uuids, HostInventory.NodeUuid)
            ?? throw ComputeFaultException.NotFound($"Hypervisor with ID '{id}' could not be found.");
        var usage = await grains.GetGrain<IHostGrain>(host).GetUsageAsync();
        return usage.ServiceDeleted ? throw ComputeFaultException.NotFound($"Hypervisor with ID '{id}' could not be found.") : usage;
    }

    private static string Id(HostUsage usage, ComputeRequest request, ComputeCatalog catalog) =>
        request.Version.AtLeast(2, 53) ? HostInventory.NodeUuid(usage.Host).ToString() : HostInventory.IntegerId(catalog, usage.Host).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static void WriteBrief(Utf8JsonWriter w, HostUsage usage, ComputeRequest request, ComputeCatalog catalog)
    {
        if (request.Version.AtLeast(2, 53))
        {
            w.WriteString("id", HostInventory.NodeUuid(usage.Host));
        }
        else
        {
            w.WriteNumber("id", HostInventory.IntegerId(catalog, usage.Host));
        }

        w.WriteString("hypervisor_hostname", usage.Node);
        w.WriteString("state", usage.ForcedDown ? "down" : "up");
        w.WriteString("status", usage.Disabled ? "disabled" : "enabled");
    }

    private static void Write(Utf8JsonWriter w, HostUsage usage, ComputeRequest request, ComputeCatalog catalog, bool detail)
    {
        w.WriteStartObject();
        WriteBrief(w, usage, request, catalog);
        if (detail)
        {
            w.WriteString("hypervisor_type", HypervisorType);
            w.WriteNumber("hypervisor_version", HypervisorVersion);
            w.WriteString("host_ip", usage.HostIp);
            w.WriteStartObject("service");
            if (request.Version.AtLeast(2, 53))
            {
                w.WriteString("id", HostInventory.ServiceUuid(usage.Host));
            }
            else
            {
                w.WriteNumber("id", HostInventory.IntegerId(catalog, usage.Host));
            }

            w.WriteString("host", usage.Host);
            if (usage.DisabledReason is { } reason)
            {
                w.WriteString("disabled_reason", reason);
            }
            else
            {
                w.WriteNull("disabled_reason");
            }

            w.WriteEndObject();
            w.WriteNumber("vcpus", usage.TotalVcpus);
            w.WriteNumber("memory_mb", usage.TotalRamMb);
            w.WriteNumber("local_gb", usage.TotalDiskGb);
            w.WriteNumber("vcpus_used", usage.UsedVcpus);
            w.WriteNumber("memory_mb_used", usage.UsedRamMb);
            w.WriteNumber("local_gb_used", usage.UsedDiskGb);
            w.WriteNumber("free_ram_mb", usage.TotalRamMb - usage.UsedRamMb);
            w.WriteNumber("free_disk_gb", usage.TotalDiskGb - usage.UsedDiskGb);
            w.WriteNumber("current_workload", 0);
            w.WriteNumber("running_vms", usage.Servers);
            w.WriteNumber("disk_available_least", usage.TotalDiskGb - usage.UsedDiskGb);
            if (request.Version.AtLeast(2, 28))
            {
                w.WriteStartObject("cpu_info");
                w.WriteString("arch", "x86_64");
                w.WriteString("model", "fake");
                w.WriteString("vendor", "OrleansCompute");
                w.WriteStartObject("topology");
                w.WriteNumber("cores", usage.TotalVcpus);
                w.WriteNumber("threads", 1);
                w.WriteNumber("sockets", 1);
                w.WriteEndObject();
                w.WriteEndObject();
            }
            else
            {
                w.WriteString("cpu_info", "{\"arch\": \"x86_64\", \"model\": \"fake\", \"vendor\": \"OrleansCompute\"}");
            }
        }

        w.WriteEndObject();
    }
}

using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansCompute.Api.Operator;
using OrleansCompute.Api.Policy;
using OrleansCompute.Api.Validation;
using OrleansCompute.Catalog;
using OrleansCompute.Faults;
using OrleansCompute.Indexing;
using OrleansCompute.Scheduling;

namespace OrleansCompute.Api.Hosts;

/// <summary>
/// The old <c>/os-hosts</c> (2.1 to 2.42; 404 from 2.43): the enabled compute hosts by zone, one host's resources
/// (total, used now, used at most, and per project), and the driver calls Nova forwards to the host: enable or
/// disable, maintenance mode, and the power actions. The simulated driver answers them as Nova's fake driver does
/// (it acknowledges and changes nothing): the service state stays <c>os-services</c>' to change.
/// </summary>
internal static class HostEndpoints
{
    private static readonly string[] Switches = ["enable", "disable", "Enable", "Disable", "ENABLE", "DISABLE"];

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/os-hosts", ListAsync).RequirePolicy(ComputePolicies.HostsList);
        routes.MapGet("/os-hosts/{host_name}", ShowAsync).RequirePolicy(ComputePolicies.HostsShow);
        routes.MapPut("/os-hosts/{host_name}", UpdateAsync).RequirePolicy(ComputePolicies.HostsUpdate);
        routes.MapGet("/os-hosts/{host_name}/reboot", (HttpContext c, string host_name, IGrainFactory g, ComputeCatalog cat) => PowerAsync(c, host_name, "reboot", g, cat)).RequirePolicy(ComputePolicies.HostsReboot);
        routes.MapGet("/os-hosts/{host_name}/shutdown", (HttpContext c, string host_name, IGrainFactory g, ComputeCatalog cat) => PowerAsync(c, host_name, "shutdown", g, cat)).RequirePolicy(ComputePolicies.HostsShutdown);
        routes.MapGet("/os-hosts/{host_name}/startup", (HttpContext c, string host_name, IGrainFactory g, ComputeCatalog cat) => PowerAsync(c, host_name, "startup", g, cat)).RequirePolicy(ComputePolicies.HostsStart);
    }

    private static async Task<IResult> ListAsync(HttpContext context, IGrainFactory grains, ComputeCatalog catalog)
    {
        RequireBefore243(context);
        var zone = context.Request.Query.TryGetValue("zone", out var zones) ? zones[^1] : null;
        var hosts = (await HostInventory.ReadAsync(grains, catalog)).Where(h => !h.Disabled && (zone is null || h.AvailabilityZone == zone)).ToList();
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("hosts");
            foreach (var host in hosts)
            {
                w.WriteStartObject();
                w.WriteString("host_name", host.Host);
                w.WriteString("service", "compute");
                w.WriteString("zone", host.AvailabilityZone);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static async Task<IResult> ShowAsync(HttpContext context, string host_name, IGrainFactory grains, ComputeCatalog catalog, IServerIndex index)
    {
        RequireBefore243(context);
        var usage = await UsageOf(host_name, grains, catalog);
        var servers = await index.QueryAsync(new ServerQuery { Host = host_name, Limit = 1000 });
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("host");
            WriteResource(w, host_name, "(total)", usage.TotalVcpus, usage.TotalRamMb, usage.TotalDiskGb);
            WriteResource(w, host_name, "(used_now)", usage.UsedVcpus, usage.UsedRamMb, usage.UsedDiskGb);
            WriteResource(w, host_name, "(used_max)", servers.Sum(s => s.Flavor.Vcpus), servers.Sum(s => s.Flavor.RamMb), servers.Sum(s => s.Flavor.DiskGb + s.Flavor.EphemeralGb));
            foreach (var project in servers.GroupBy(s => s.ProjectId, StringComparer.Ordinal).OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                WriteResource(w, host_name, project.Key, project.Sum(s => s.Flavor.Vcpus), project.Sum(s => s.Flavor.RamMb), project.Sum(s => s.Flavor.DiskGb + s.Flavor.EphemeralGb));
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static async Task<IResult> UpdateAsync(HttpContext context, string host_name, IGrainFactory grains, ComputeCatalog catalog)
    {
        RequireBefore243(context);
        using var body = await JsonBody.ReadAsync(context);
        var root = body.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw SchemaErrors.WrongType("body", root, "object");
        }

        string? status = null;
        string? maintenance = null;
        foreach (var property in root.EnumerateObject())
        {
            var value = property.Value;
            if (property.Name is not ("status" or "maintenance_mode"))
            {
                throw SchemaErrors.Additional(property.Name);
            }

            if (value.ValueKind != JsonValueKind.String || !Switches.Contains(value.GetString()))
            {
                throw SchemaErrors.Invalid(property.Name, value, $"{SchemaErrors.Quoted(value)} is not one of ['{string.Join("', '", Switches)}']");
            }

            var enable = value.GetString()!.Equals("enable", StringComparison.OrdinalIgnoreCase);
            if (property.Name == "status")
            {
                status = enable ? "enabled" : "disabled";
            }
            else
            {
                maintenance = enable ? "on_maintenance" : "off_maintenance";
            }
        }

        if (status is null && maintenance is null)
        {
            throw ComputeFaultException.BadRequest("Invalid input for field/attribute host. Value: {}. {} does not have enough properties");
        }

        await ReachableHost(host_name, grains, catalog);
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WriteString("host", host_name);
            if (status is not null)
            {
                w.WriteString("status", status);
            }

            if (maintenance is not null)
            {
                w.WriteString("maintenance_mode", maintenance);
            }

            w.WriteEndObject();
        });
    }

    private static async Task<IResult> PowerAsync(HttpContext context, string host, string action, IGrainFactory grains, ComputeCatalog catalog)
    {
        RequireBefore243(context);
        await ReachableHost(host, grains, catalog);
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WriteString("host", host);
            w.WriteString("power_action", action);
            w.WriteEndObject();
        });
    }

    private static void RequireBefore243(HttpContext context)
    {
        if (ComputeRequest.From(context).Version.AtLeast(2, 43))
        {
            throw ComputeFaultException.NotFound("The resource could not be found.");
        }
    }

    private static async Task<HostUsage> UsageOf(string host, IGrainFactory grains, ComputeCatalog catalog)
    {
        var usage = catalog.FindHost(host) is null ? null : await grains.GetGrain<IHostGrain>(host).GetUsageAsync();
        return usage is null || usage.ServiceDeleted ? throw ComputeFaultException.NotFound($"Compute host {host} could not be found.") : usage;
    }

    /// <summary>Nova forwards the call to the host: unknown is 404, a host whose service is down cannot answer (400).</summary>
    private static async Task ReachableHost(string host, IGrainFactory grains, ComputeCatalog catalog)
    {
        if ((await UsageOf(host, grains, catalog)).ForcedDown)
        {
            throw ComputeFaultException.BadRequest($"Compute service of {host} is unavailable at this time.");
        }
    }

    private static void WriteResource(Utf8JsonWriter w, string host, string project, int cpu, int memoryMb, int diskGb)
    {
        w.WriteStartObject();
        w.WriteStartObject("resource");
        w.WriteString("host", host);
        w.WriteString("project", project);
        w.WriteNumber("cpu", cpu);
        w.WriteNumber("memory_mb", memoryMb);
        w.WriteNumber("disk_gb", diskGb);
        w.WriteEndObject();
        w.WriteEndObject();
    }
}

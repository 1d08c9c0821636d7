using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansCompute.Api.Policy;
using OrleansCompute.Faults;
using OrleansCompute.Servers;

namespace OrleansCompute.Api.Servers.Resources;

/// <summary>
/// <c>GET /servers/{id}/diagnostics</c> (admin): what the fake driver reports of a running guest. From 2.48 the
/// standard shape (every field Nova's view has); below it the driver's free-form map, keyed as libvirt keys it.
/// The figures are the server's own where it has them (vCPUs, memory, NICs) and fixed counters otherwise.
/// </summary>
internal static class ServerDiagnosticsEndpoints
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/servers/{id}/diagnostics", ShowAsync).RequireServerPolicy(ComputePolicies.ServerDiagnostics);

    private static async Task<IResult> ShowAsync(HttpContext context, string id, IGrainFactory grains, TimeProvider clock)
    {
        var request = ComputeRequest.From(context);
        var server = await grains.GetGrain<IServerGrain>(ServerRoute.ParseId(id)).GetAsync(request.Caller);
        if (server.Host is null)
        {
            throw ComputeFaultException.Conflict($"Instance {server.Id} is not ready");
        }

        if (server.PowerState != PowerState.Running)
        {
            throw ComputeFaultException.Conflict(
                $"Instance {server.Id} in power state {PowerState.Name(server.PowerState)}. Cannot get_diagnostics while the instance is in this state.");
        }

        var nics = server.Addresses.Select(a => a.MacAddress).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var uptime = server.LaunchedAt is { } launched ? (long)(clock.GetUtcNow() - launched).TotalSeconds : 0;
        return request.Version.AtLeast(2, 48)
            ? new JsonResponse(200, w => WriteStandard(w, server, nics, uptime))
            : new JsonResponse(200, w => WriteLegacy(w, server, nics));
    }

    private static void WriteStandard(Utf8JsonWriter w, ServerSnapshot server, IReadOnlyList<string> nics, long uptime)
    {
        w.WriteStartObject();
        w.WriteString("state", PowerState.Name(server.PowerState));
        w.WriteString("driver", "fake");
        w.WriteString("hypervisor", "fake");
        w.WriteString("hypervisor_os", "fake");
        w.WriteNumber("uptime", Math.Max(uptime, 0));
        w.WriteBoolean("config_drive", server.ConfigDrive);
        w.WriteNumber("num_cpus", server.Flavor.Vcpus);
        w.WriteNumber("num_nics", nics.Count);
        w.WriteNumber("num_disks", 1);
        w.WriteStartArray("cpu_details");
        for (var cpu = 0; cpu < server.Flavor.Vcpus; cpu++)
        {
            w.WriteStartObject();
            w.WriteNumber("id", cpu);
            w.WriteNumber("time", 17300000000);
            w.WriteNumber("utilisation", 15);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("nic_details");
        foreach (var mac in nics)
        {
            w.WriteStartObject();
            w.WriteString("mac_address", mac);
            foreach (var direction in new[] { "rx", "tx" })
            {
                w.WriteNumber($"{direction}_octets", 0);
                w.WriteNumber($"{direction}_errors", 0);
                w.WriteNumber($"{direction}_drop", 0);
                w.WriteNumber($"{direction}_packets", 0);
                w.WriteNumber($"{direction}_rate", 0);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("disk_details");
        w.WriteStartObject();
        w.WriteNumber("read_bytes", 262144);
        w.WriteNumber("read_requests", 112);
        w.WriteNumber("write_bytes", 5778432);
        w.WriteNumber("write_requests", 488);
        w.WriteNumber("errors_count", 0);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartObject("memory_details");
        w.WriteNumber("maximum", server.Flavor.RamMb);
        w.WriteNumber("used", 0);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteLegacy(Utf8JsonWriter w, ServerSnapshot server, IReadOnlyList<string> nics)
    {
        w.WriteStartObject();
        for (var cpu = 0; cpu < server.Flavor.Vcpus; cpu++)
        {
            w.WriteNumber($"cpu{cpu}_time", 17300000000);
        }

        w.WriteNumber("memory", server.Flavor.RamMb * 1024L);
        w.WriteNumber("vda_errors", -1);
        w.WriteNumber("vda_read", 262144);
        w.WriteNumber("vda_read_req", 112);
        w.WriteNumber("vda_write", 5778432);
        w.WriteNumber("vda_write_req", 488);
        for (var nic = 0; nic < nics.Count; nic++)
        {
            foreach (var counter in new[] { "rx", "rx_drop", "rx_errors", "rx_packets", "tx", "tx_drop", "tx_errors", "tx_packets" })
            {
                w.WriteNumber($"vnet{nic}_{counter}", 0);
            }
        }

        w.WriteEndObject();
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansCompute.Servers;

namespace OrleansCompute.Api.Servers.Actions;

/// <summary>
/// The server view a rebuild answers with. From 2.75 it is the full show view; below, Nova leaves out the
/// extended attributes (availability zone, config drive, OS-EXT-*, usage, security groups, key name, volumes,
/// host status) and the extended address fields. Then <c>adminPass</c> and, from 2.57, <c>user_data</c>.
/// </summary>
internal static class RebuildView
{
    private static readonly string[] ReducedAway =
    [
        "OS-EXT-AZ:availability_zone", "config_drive", "key_name", "security_groups", "OS-EXT-STS:task_state",
        "OS-EXT-STS:vm_state", "OS-EXT-STS:power_state", "OS-SRV-USG:launched_at", "OS-SRV-USG:terminated_at",
        "os-extended-volumes:volumes_attached", "host_status", "server_groups",
    ];

    public static void Write(Utf8JsonWriter writer, ServerViewWriter views, ServerSnapshot server, ComputeRequest request, string? adminPass)
    {
        using var buffer = new MemoryStream();
        using (var inner = new Utf8JsonWriter(buffer))
        {
            views.WriteFull(inner, server, request, ServerViewKind.Show);
        }

        var view = JsonNode.Parse(buffer.ToArray())!.AsObject();
        if (!request.Version.AtLeast(2, 75))
        {
            foreach (var key in ReducedAway.Concat(view.Select(p => p.Key).Where(k => k.StartsWith("OS-EXT-SRV-ATTR:", StringComparison.Ordinal))).ToList())
            {
                view.Remove(key);
            }

            if (view["addresses"] is JsonObject addresses)
            {
                foreach (var (_, list) in addresses)
                {
                    foreach (var address in list!.AsArray().OfType<JsonObject>())
                    {
                        address.Remove("OS-EXT-IPS:type");
                        address.Remove("OS-EXT-IPS-MAC:mac_addr");
                    }
                }
            }
        }

        if (adminPass is not null)
        {
            view["adminPass"] = adminPass;
        }

        if (request.Version.AtLeast(2, 57))
        {
            view["user_data"] = server.UserData;
        }

        view.WriteTo(writer);
    }
}

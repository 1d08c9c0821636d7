using System.Text.Json.Nodes;

namespace OrleansCompute.WebConsole.Lifecycle;

/// <summary>The fields of a server's API view that decide which actions are offered.</summary>
public sealed record ServerState(string VmState, string? TaskState, bool Launched, bool Locked, string? Host, bool Deleted)
{
    /// <summary>From a server view of the newest microversion (<c>OS-EXT-STS:*</c>, <c>locked</c>, <c>OS-SRV-USG:launched_at</c>; the host only for admins).</summary>
    public static ServerState From(JsonNode server)
    {
        ArgumentNullException.ThrowIfNull(server);
        var status = server["status"]?.ToString();
        return new ServerState(
            server["OS-EXT-STS:vm_state"]?.ToString() ?? "",
            server["OS-EXT-STS:task_state"]?.ToString(),
            !string.IsNullOrEmpty(server["OS-SRV-USG:launched_at"]?.ToString()),
            server["locked"]?.GetValueKind() == System.Text.Json.JsonValueKind.True,
            server.AsObject().ContainsKey("OS-EXT-SRV-ATTR:host") ? server["OS-EXT-SRV-ATTR:host"]?.ToString() ?? "" : null,
            status == "DELETED");
    }
}

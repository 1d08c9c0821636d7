using OrleansCompute.Servers;
using OrleansCompute.Servers.Actions;

namespace OrleansCompute.Networking;

/// <summary>What a server asks the network service for one entry of its <c>networks</c>.</summary>
internal static class ServerPorts
{
    public static ServerPortRequest Request(ServerSnapshot server, NetworkRequest request, int ordinal) => new()
    {
        ServerId = server.Id,
        ProjectId = server.ProjectId,
        FixedIp = request.FixedIp,
        PortId = request.PortId,
        Tag = request.Tag,
        SecurityGroups = server.SecurityGroups,
        Host = server.Host ?? "",
        Ordinal = ordinal,
        Zone = Zone(server),
    };

    /// <summary>An os-interface attach: the port named, or a new one with the id the API chose on the network named.</summary>
    public static ServerPortRequest Interface(ServerSnapshot server, ServerInterfaceRequest request) => new()
    {
        ServerId = server.Id,
        ProjectId = server.ProjectId,
        FixedIp = request.FixedIp,
        PortId = request.CreatesPort ? null : request.PortId,
        NewPortId = request.CreatesPort ? request.PortId : null,
        Tag = request.Tag,
        SecurityGroups = server.SecurityGroups,
        Host = server.Host ?? "",
        Zone = Zone(server),
    };

    /// <summary>At request time (before the server exists): the same port, made without a host.</summary>
    public static ServerPortRequest Reservation(Guid serverId, CreateServerCommand template, NetworkRequest request) => new()
    {
        ServerId = serverId,
        ProjectId = template.Caller.ProjectId,
        FixedIp = request.FixedIp,
        PortId = request.PortId,
        Tag = request.Tag,
        SecurityGroups = template.SecurityGroups,
        Zone = template.AvailabilityZone ?? "nova",
    };

    /// <summary>The server's zone for Nova's <c>compute:&lt;zone&gt;</c> device owner.</summary>
    private static string Zone(ServerSnapshot server) => server.AvailabilityZone.Length > 0 ? server.AvailabilityZone : "nova";
}

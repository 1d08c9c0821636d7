using OrleansCompute.Servers;

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
        Zone = server.AvailabilityZone.Length > 0 ? server.AvailabilityZone : "nova",
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
}

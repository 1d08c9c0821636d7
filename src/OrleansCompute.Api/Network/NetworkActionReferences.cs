using OrleansCompute.Faults;
using OrleansCompute.Networking;
using OrleansCompute.Servers.Actions;

namespace OrleansCompute.Api.Network;

/// <summary>
/// What a server action names in the network service, looked up as Nova looks it up in Neutron with the caller's
/// token: a security group by id, else by name in the caller's project (none: 404, several: 409); a floating IP
/// by its address among those the caller sees (none: left null, the grain answers Nova's 404 after its own checks).
/// </summary>
internal static class NetworkActionReferences
{
    public static async Task<ServerActionCommand> ResolveAsync(NetworkService network, ServerActionCommand command)
    {
        switch (command.Action)
        {
            case ServerActionKind.AddSecurityGroup or ServerActionKind.RemoveSecurityGroup when command.SecurityGroup is { } name:
                return command with { SecurityGroupId = await SecurityGroupIdAsync(network, command, name) };
            case ServerActionKind.AddFloatingIp or ServerActionKind.RemoveFloatingIp when command.Address is { } address:
                var caller = command.Caller;
                var found = await network.ListAsync<FloatingIp>(
                    NeutronKinds.FloatingIp, caller, f => f.FloatingIpAddress == address && NeutronVisibility.Owns(caller, f.ProjectId));
                return command with { FloatingIpId = found.FirstOrDefault()?.Id };
            default:
                return command;
        }
    }

    private static async Task<string> SecurityGroupIdAsync(NetworkService network, ServerActionCommand command, string name)
    {
        var groups = await network.ProjectGroupsAsync(command.Caller.ProjectId);
        if (groups.FirstOrDefault(g => g.Id == name) is { } byId)
        {
            return byId.Id;
        }

        return groups.Where(g => g.Name == name).ToList() switch
        {
            [var single] => single.Id,
            [] => throw ComputeFaultException.NotFound($"Security group {name} is not found for project {command.Caller.ProjectId}"),
            _ => throw ComputeFaultException.Conflict($"Multiple security_group matches found for name '{name}', use an ID to be more specific."),
        };
    }
}

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
    /// <summary>addSecurityGroup / removeSecurityGroup: the group's id.</summary>
    public static async Task<ServerActionCommand> SecurityGroupAsync(NetworkService network, ServerActionCommand command) =>
        command.SecurityGroup is { } name ? command with { SecurityGroupId = await SecurityGroupIdAsync(network, command, name) } : command;

    /// <summary>addFloatingIp / removeFloatingIp: the floating IP with the address, if the caller sees one.</summary>
    public static async Task<ServerActionCommand> FloatingIpAsync(NetworkService network, ServerActionCommand command)
    {
        var caller = command.Caller;
        var found = await network.ListAsync<FloatingIp>(
            NeutronKinds.FloatingIp, caller, f => f.FloatingIpAddress == command.Address && NeutronVisibility.Owns(caller, f.ProjectId));
        return command with { FloatingIpId = found.FirstOrDefault()?.Id };
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

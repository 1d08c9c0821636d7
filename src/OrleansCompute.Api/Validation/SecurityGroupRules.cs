using OrleansCompute.Api.Network;
using OrleansCompute.Faults;
using OrleansCompute.Identity;
using OrleansCompute.Networking;

namespace OrleansCompute.Api.Validation;

/// <summary>
/// A security group a request names must be one of the project's groups in the network service (by name or id;
/// <c>default</c> is made on first use). Nova answers an unknown group on create with 400 (every missing reference
/// of a create is a 400); the actions resolve theirs in <c>NetworkActionReferences</c>.
/// </summary>
internal static class SecurityGroupRules
{
    public static async Task EnsureExistForCreateAsync(NetworkService network, CallerContext caller, IReadOnlyList<string> names)
    {
        if (names.Count == 0)
        {
            return;
        }

        if (caller.ProjectId.Length > 0 && names.All(n => n == SecurityGroupDefaults.DefaultName))
        {
            // Nearly every create names only "default" (clients send it when none is chosen). Making sure it exists is
            // enough: it is made on first use and cannot be renamed, so the project's group list (an index query and
            // a JSON read per group on every create, issue 19's profile) would only confirm it.
            await ProjectSecurityGroups.EnsureAsync(network.Grains, caller.ProjectId, network.Catalog);
            return;
        }

        var groups = await network.ProjectGroupsAsync(caller.ProjectId);
        foreach (var name in names)
        {
            if (!groups.Any(g => g.Name == name || g.Id == name))
            {
                throw ComputeFaultException.BadRequest(NotFound(name));
            }
        }
    }

    private static string NotFound(string name) => $"Security group {name} not found.";
}

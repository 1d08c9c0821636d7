using OrleansCompute.Api.Network;
using OrleansCompute.Faults;
using OrleansCompute.Identity;

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

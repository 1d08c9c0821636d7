using OrleansCompute.Catalog;
using OrleansCompute.Faults;

namespace OrleansCompute.Api.Validation;

/// <summary>
/// A security group a request names must exist (<c>default</c> or a configured one). Nova answers an unknown group
/// on create with 400 (every missing reference of a create is a 400) and on <c>addSecurityGroup</c> with 404.
/// </summary>
internal static class SecurityGroupRules
{
    public static void EnsureExistForCreate(ComputeCatalog catalog, IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            if (!catalog.HasSecurityGroup(name))
            {
                throw ComputeFaultException.BadRequest(NotFound(name));
            }
        }
    }

    public static void EnsureExistForAction(ComputeCatalog catalog, string? name)
    {
        if (name is not null && !catalog.HasSecurityGroup(name))
        {
            throw ComputeFaultException.NotFound(NotFound(name));
        }
    }

    private static string NotFound(string name) => $"Security group {name} not found.";
}

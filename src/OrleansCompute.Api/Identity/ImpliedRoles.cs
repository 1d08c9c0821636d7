namespace OrleansCompute.Api.Identity;

/// <summary>Keystone's default implied roles: admin implies manager, manager implies member, member implies reader.</summary>
internal static class ImpliedRoles
{
    private static readonly Dictionary<string, string> Implies = new(StringComparer.OrdinalIgnoreCase)
    {
        ["admin"] = "manager",
        ["manager"] = "member",
        ["member"] = "reader",
    };

    public static IReadOnlyList<string> Expand(IEnumerable<string> roles)
    {
        var result = new List<string>();
        foreach (var assigned in roles)
        {
            for (var role = assigned; role is not null; role = Implies.GetValueOrDefault(role))
            {
                if (!result.Contains(role, StringComparer.OrdinalIgnoreCase))
                {
                    result.Add(role);
                }
            }
        }

        return result;
    }
}

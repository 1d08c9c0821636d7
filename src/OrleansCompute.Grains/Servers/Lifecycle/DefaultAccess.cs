using OrleansCompute.Identity;

namespace OrleansCompute.Servers.Lifecycle;

/// <summary>
/// Who Nova's default policy lets run an action (<c>nova/policies</c>): the grain's own check when a caller
/// reaches it without the API's policy decision (<see cref="Actions.ServerActionCommand.PolicyChecked"/> false).
/// The API evaluates the configured rule of the same name instead.
/// </summary>
public enum DefaultAccess
{
    /// <summary><c>project_member_or_admin</c>: the project's visibility check is all the grain repeats.</summary>
    ProjectMember,

    /// <summary><c>project_manager_or_admin</c>: the manager role on the server's project, or admin.</summary>
    ProjectManager,

    /// <summary><c>context_is_admin</c>.</summary>
    Admin,
}

/// <summary>The grain's evaluation of a <see cref="DefaultAccess"/>.</summary>
public static class DefaultAccessExtensions
{
    /// <summary>Whether Nova's default grants <paramref name="caller"/> the action on a server of <paramref name="projectId"/>.</summary>
    public static bool Grants(this DefaultAccess access, CallerContext caller, string projectId) => access switch
    {
        DefaultAccess.Admin => caller.IsAdmin,
        DefaultAccess.ProjectManager => caller.IsAdmin
            || (caller.Roles.Contains("manager", StringComparer.OrdinalIgnoreCase) && string.Equals(caller.ProjectId, projectId, StringComparison.Ordinal)),
        _ => true,
    };
}

namespace OrleansCompute.Api.Identity;

/// <summary>
/// The users and projects of the built-in identity service, resolved once at start from configuration (plus the
/// default users admin, demo and alt_demo) and the passwords the host keeps.
/// </summary>
public sealed class IdentityDirectory
{
    private readonly Dictionary<string, IdentityUser> _byName;
    private readonly Dictionary<string, IdentityUser> _byId;
    private readonly Dictionary<string, IdentityProject> _projectsByName;
    private readonly Dictionary<string, IdentityProject> _projectsById;

    public IdentityDirectory(IEnumerable<IdentityUser> users)
    {
        var list = users.ToList();
        _byName = list.ToDictionary(u => u.Name, StringComparer.Ordinal);
        _byId = list.ToDictionary(u => u.Id, StringComparer.Ordinal);
        var projects = list.Select(u => u.Project).DistinctBy(p => p.Id).ToList();
        _projectsByName = projects.ToDictionary(p => p.Name, StringComparer.Ordinal);
        _projectsById = projects.ToDictionary(p => p.Id, StringComparer.Ordinal);
    }

    /// <summary>The users that exist even when configuration names none, as a fresh devstack has them.</summary>
    public static IReadOnlyDictionary<string, IdentityUserOptions> DefaultUsers { get; } = new Dictionary<string, IdentityUserOptions>(StringComparer.Ordinal)
    {
        ["admin"] = new() { Project = "admin", Roles = ["admin"] },
        ["demo"] = new() { Project = "demo", Roles = ["member"] },
        ["alt_demo"] = new() { Project = "alt_demo", Roles = ["member"] },
    };

    public IReadOnlyCollection<IdentityUser> Users => _byName.Values;

    public IReadOnlyCollection<IdentityProject> Projects => _projectsById.Values;

    /// <summary>The default users with configured users added or replacing them by name.</summary>
    public static IReadOnlyDictionary<string, IdentityUserOptions> Configured(IdentityOptions options)
    {
        var users = new Dictionary<string, IdentityUserOptions>(DefaultUsers, StringComparer.Ordinal);
        foreach (var (name, user) in options.Users)
        {
            var defaults = DefaultUsers.GetValueOrDefault(name);
            users[name] = new IdentityUserOptions
            {
                Password = user.Password,
                Project = string.IsNullOrEmpty(user.Project) ? defaults?.Project ?? name : user.Project,
                Roles = user.Roles.Count > 0 ? user.Roles : defaults?.Roles ?? ["member"],
                Enabled = user.Enabled,
            };
        }

        return users;
    }

    /// <summary>Builds the directory from the configured users and each user's password.</summary>
    public static IdentityDirectory Create(IReadOnlyDictionary<string, IdentityUserOptions> users, IReadOnlyDictionary<string, string> passwords)
    {
        var resolved = users.Select(pair =>
        {
            var (name, user) = pair;
            var project = new IdentityProject(StableId.For("project", user.Project), user.Project);
            var roles = ImpliedRoles.Expand(user.Roles).Select(r => new IdentityRole(StableId.For("role", r), r)).ToList();
            var password = !string.IsNullOrEmpty(user.Password) ? user.Password
                : passwords.TryGetValue(name, out var kept) ? kept
                : throw new InvalidOperationException($"The user '{name}' has no password.");
            return new IdentityUser(StableId.For("user", name), name, password, project, roles, user.Enabled);
        });
        return new IdentityDirectory(resolved);
    }

    public IdentityUser? FindUser(string? id, string? name) =>
        id is not null ? _byId.GetValueOrDefault(id) : name is not null ? _byName.GetValueOrDefault(name) : null;

    public IdentityProject? FindProject(string? id, string? name) =>
        id is not null ? _projectsById.GetValueOrDefault(id) : name is not null ? _projectsByName.GetValueOrDefault(name) : null;
}

namespace OrleansCompute.Api.Identity;

/// <summary>A user as the identity service knows it: ids, the password, its project and its effective roles.</summary>
public sealed record IdentityUser(string Id, string Name, string Password, IdentityProject Project, IReadOnlyList<IdentityRole> Roles, bool Enabled);

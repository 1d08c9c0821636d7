namespace OrleansCompute.Api.Identity;

/// <summary>Keystone's default domain: the only one the built-in identity has.</summary>
public static class IdentityDomain
{
    public const string Id = "default";
    public const string Name = "Default";

    public static bool Matches(string? id, string? name) =>
        (id is null && name is null) || string.Equals(id, Id, StringComparison.Ordinal) || string.Equals(name, Name, StringComparison.Ordinal);
}

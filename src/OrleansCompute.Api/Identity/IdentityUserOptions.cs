namespace OrleansCompute.Api.Identity;

/// <summary>One user of the built-in identity service.</summary>
public sealed class IdentityUserOptions
{
    /// <summary>Empty: generated on first start and kept in the data directory.</summary>
    public string Password { get; set; } = "";

    /// <summary>The project the user has its roles on (and is scoped to when a request names no scope).</summary>
    public string Project { get; set; } = "";

    /// <summary>
    /// Role names on the project. As in Keystone's default role set, admin implies member and member implies
    /// reader, so a token carries the implied roles as well.
    /// </summary>
    public List<string> Roles { get; set; } = [];

    public bool Enabled { get; set; } = true;
}

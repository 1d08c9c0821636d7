namespace OrleansCompute.Api.Auth;

/// <summary>The values <see cref="AuthOptions.Mode"/> accepts.</summary>
public static class AuthModes
{
    /// <summary>The built-in identity service issues and validates tokens.</summary>
    public const string Identity = "identity";

    /// <summary>An external Keystone validates tokens, as keystonemiddleware does for Nova.</summary>
    public const string Keystone = "keystone";

    /// <summary>Nova's noauth2: <c>X-Auth-Token: user:project</c>; the user admin is an admin. Development and tests only.</summary>
    public const string NoAuth = "noauth";
}

namespace OrleansCompute.Api.Auth;

/// <summary>
/// keystonemiddleware's settings for <c>keystone</c> mode (<c>Compute:Auth:Keystone</c>): where Keystone is, the
/// service user that validates tokens, and how long a validation result is cached.
/// </summary>
public sealed class KeystoneAuthOptions
{
    /// <summary>Keystone's v3 URL, for example <c>http://keystone.example.com/identity/v3</c>.</summary>
    public string AuthUrl { get; set; } = "";

    public string Username { get; set; } = "";

    public string Password { get; set; } = "";

    public string ProjectName { get; set; } = "service";

    public string UserDomainName { get; set; } = "Default";

    public string ProjectDomainName { get; set; } = "Default";

    /// <summary>keystonemiddleware's <c>token_cache_time</c>: a validated (or rejected) token is cached this long.</summary>
    public int TokenCacheSeconds { get; set; } = 300;

    /// <summary>keystonemiddleware's <c>www_authenticate_uri</c>, sent to clients with a 401; empty: <see cref="AuthUrl"/>.</summary>
    public string WwwAuthenticateUri { get; set; } = "";
}

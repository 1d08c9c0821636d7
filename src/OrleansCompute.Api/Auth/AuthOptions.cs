namespace OrleansCompute.Api.Auth;

/// <summary>How requests are authenticated (<c>Compute:Auth</c>).</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Compute:Auth";

    /// <summary>
    /// <c>identity</c> (default): tokens of the built-in Keystone-compatible identity service;
    /// <c>keystone</c>: tokens validated against an external Keystone; <c>noauth</c>: Nova's noauth2 for tests,
    /// where the token is <c>user:project</c>.
    /// </summary>
    public string Mode { get; set; } = AuthModes.Identity;

    /// <summary>The external Keystone of <c>keystone</c> mode.</summary>
    public KeystoneAuthOptions Keystone { get; set; } = new();
}

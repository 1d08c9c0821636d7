namespace OrleansCompute.Api.Auth;

/// <summary>How requests are authenticated (<c>Compute:Auth</c>).</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Compute:Auth";

    /// <summary><c>noauth</c>: Nova's noauth2 development mode, where the token is <c>user:project</c>.</summary>
    public string Mode { get; set; } = "noauth";
}

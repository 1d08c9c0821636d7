namespace OrleansCompute.Api.Identity;

/// <summary>
/// The built-in identity service (<c>Compute:Identity</c>): users with a project and roles, token lifetime, and
/// how the service catalog names this host. The users admin, demo and alt_demo always exist; configuration adds
/// users or changes these (for example <c>Compute:Identity:Users:demo:Password</c>).
/// </summary>
public sealed class IdentityOptions
{
    public const string SectionName = "Compute:Identity";

    /// <summary>Users by name.</summary>
    public Dictionary<string, IdentityUserOptions> Users { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How long an issued token is valid (Keystone's <c>[token]expiration</c>, one hour).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The region of every catalog endpoint.</summary>
    public string Region { get; set; } = "RegionOne";

    /// <summary>
    /// The base URL clients reach this host at (for example <c>https://compute.example.com</c>); empty: the scheme
    /// and host of each request, which is right unless a proxy rewrites them.
    /// </summary>
    public string PublicUrl { get; set; } = "";
}

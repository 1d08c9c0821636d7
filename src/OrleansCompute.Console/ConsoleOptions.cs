namespace OrleansCompute.WebConsole;

/// <summary>The <c>Compute:Console</c> configuration section.</summary>
public sealed class ConsoleOptions
{
    public const string SectionName = "Compute:Console";

    /// <summary>Whether the host serves the console; null means the default of the hosting mode (on when embedded).</summary>
    public bool? Enabled { get; set; }

    /// <summary>
    /// Where the console reaches the host's public API (scheme, host and port); empty: the host's own first
    /// listening address on loopback.
    /// </summary>
    public string? ApiAddress { get; set; }

    /// <summary>
    /// The identity service people sign in with (its v3 URL, for example <c>http://keystone.example.com/identity/v3</c>);
    /// empty: the external Keystone of <c>Compute:Auth:Mode=keystone</c>, or else the host's own <c>/identity/v3</c>.
    /// </summary>
    public string? IdentityUrl { get; set; }

    /// <summary>How long a signed-in user's token validation is trusted before it is asked again.</summary>
    public TimeSpan SessionCheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the serial console asks for new console output.</summary>
    public TimeSpan SerialConsoleInterval { get; set; } = TimeSpan.FromSeconds(1);
}

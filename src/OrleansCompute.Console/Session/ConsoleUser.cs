namespace OrleansCompute.WebConsole.Session;

/// <summary>The signed-in person: their token (never shown to the browser's scripts) and what identity said of it.</summary>
public sealed record ConsoleUser(string Token, string UserName, string ProjectName, string ProjectId, IReadOnlyList<string> Roles, DateTimeOffset ExpiresAt)
{
    /// <summary>Whether the token carries the admin role: only then are admin pages offered (the API decides anyway).</summary>
    public bool IsAdmin => Roles.Contains("admin", StringComparer.OrdinalIgnoreCase);
}

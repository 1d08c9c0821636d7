namespace OrleansCompute.Api.Identity;

/// <summary>
/// A parsed <c>POST /v3/auth/tokens</c> body: the password (user by id, or by name in a domain) or token
/// method, and the project scope by id or by name in a domain (none: the user's default project).
/// </summary>
internal sealed record AuthRequest(
    IReadOnlyList<string> Methods,
    string? UserId,
    string? UserName,
    string? Password,
    string? Token,
    string? ProjectId,
    string? ProjectName,
    bool Unscoped);

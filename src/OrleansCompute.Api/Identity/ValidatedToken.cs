namespace OrleansCompute.Api.Identity;

/// <summary>A token that is genuine, unexpired and whose user is enabled; the project is null for an unscoped token.</summary>
internal sealed record ValidatedToken(string Token, TokenPayload Payload, IdentityUser User, IdentityProject? Project)
{
    public IReadOnlyList<IdentityRole> Roles => Project is null ? [] : User.Roles;
}

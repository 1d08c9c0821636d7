using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace EmbeddedHost;

/// <summary>
/// The product's own authentication, standing in for whatever a real product uses (cookies, OpenID Connect):
/// an API key header <c>X-Product-Key: user/project[/admin]</c>. It knows nothing about Nova.
/// </summary>
public sealed class ProductAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ProductKey";
    public const string ProjectClaim = "product:project";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = Request.Headers["X-Product-Key"].ToString();
        var parts = key.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, parts[0]), new(ProjectClaim, parts[1]), new(ClaimTypes.Role, "member") };
        if (parts.Length > 2 && parts[2] == "admin")
        {
            claims.Add(new Claim(ClaimTypes.Role, "admin"));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }
}

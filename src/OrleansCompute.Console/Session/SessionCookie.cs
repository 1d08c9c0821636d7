using Microsoft.AspNetCore.Http;

namespace OrleansCompute.WebConsole.Session;

/// <summary>
/// The token lives in one cookie: HttpOnly (page scripts cannot read it), SameSite=Strict (another site cannot make
/// the browser send it, which is the console's defence against cross-site form posts) and scoped to <c>/console</c>.
/// </summary>
internal static class SessionCookie
{
    public const string Name = "orleanscompute_console";

    public static string? Read(HttpContext context) => context.Request.Cookies[Name];

    public static void Write(HttpContext context, ConsoleUser user) =>
        context.Response.Cookies.Append(Name, user.Token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = ConsoleHostingExtensions.PathPrefix,
            Expires = user.ExpiresAt,
            IsEssential = true,
        });

    public static void Clear(HttpContext context) =>
        context.Response.Cookies.Delete(Name, new CookieOptions { Path = ConsoleHostingExtensions.PathPrefix });
}

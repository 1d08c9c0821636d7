using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OrleansCompute.WebConsole.Components;
using OrleansCompute.WebConsole.Session;

namespace OrleansCompute.WebConsole.Endpoints;

/// <summary>Sign in with user, password and project (a token from the identity service, kept in an HttpOnly cookie); sign out.</summary>
internal static class SignInEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/", () => Results.Redirect("/console/servers"));
        group.MapGet("/login", (HttpContext context) =>
            Page.Render<SignInPage>(new { Return = Page.Query(context, "return") }));
        group.MapPost("/login", (Func<HttpContext, Task<IResult>>)SignInAsync);
        group.MapPost("/logout", (HttpContext context) =>
        {
            context.RequestServices.GetRequiredService<SessionValidator>().Forget(SessionCookie.Read(context));
            SessionCookie.Clear(context);
            return Results.Redirect("/console/login");
        });
    }

    private static async Task<IResult> SignInAsync(HttpContext context)
    {
        var form = await Page.FormAsync(context);
        string user = form["user"].ToString().Trim(), project = form["project"].ToString().Trim();
        var back = form["return"].ToString();
        var (signed, error) = await context.RequestServices.GetRequiredService<SessionValidator>()
            .SignInAsync(user, form["password"].ToString(), project, context.RequestAborted);
        if (signed is null)
        {
            return Page.Render<SignInPage>(new { Error = error, UserName = user, Project = project, Return = back }, 401);
        }

        SessionCookie.Write(context, signed);
        // Only a path inside the console: an open redirect would send a fresh session anywhere.
        var local = back.StartsWith("/console/", StringComparison.Ordinal) && !back.StartsWith("/console//", StringComparison.Ordinal);
        return Results.Redirect(local ? back : "/console/servers");
    }
}

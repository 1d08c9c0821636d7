using System.Net;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using OrleansCompute.WebConsole.Api;
using OrleansCompute.WebConsole.Components;
using OrleansCompute.WebConsole.Session;

namespace OrleansCompute.WebConsole.Endpoints;

/// <summary>What every page handler does: find the signed-in user, render a component, turn API refusals into pages.</summary>
internal static class Page
{
    public static RazorComponentResult<T> Render<T>(object parameters, int status = 200) where T : IComponent =>
        new(parameters) { StatusCode = status };

    /// <summary>A handler that needs a signed-in user; without one the browser goes to the sign-in page and comes back.</summary>
    public static Func<HttpContext, Task<IResult>> Signed(Func<HttpContext, ConsoleUser, ComputeApiClient, Task<IResult>> handler) => async context =>
    {
        var user = await context.RequestServices.GetRequiredService<SessionValidator>().CurrentAsync(context);
        return user is null ? SignInFirst(context) : await handler(context, user, context.RequestServices.GetRequiredService<ComputeApiClient>());
    };

    public static IResult SignInFirst(HttpContext context)
    {
        var back = context.Request.Method == HttpMethods.Get ? context.Request.Path + context.Request.QueryString : "/console/servers";
        return Results.Redirect("/console/login?return=" + Uri.EscapeDataString(back));
    }

    /// <summary>The page for an API refusal: sign in again on 401, otherwise Nova's message with its status.</summary>
    public static IResult Refused(HttpContext context, ConsoleUser user, ApiResponse response) => response.Status switch
    {
        HttpStatusCode.Unauthorized => SignInFirst(context),
        HttpStatusCode.NotFound => Render<MessagePage>(new { User = user, Title = "Not found", Message = response.Fault ?? "Not found." }, 404),
        HttpStatusCode.Forbidden => Render<MessagePage>(new { User = user, Title = "Not allowed", Message = response.Fault ?? "Not allowed." }, 403),
        _ => Render<MessagePage>(new { User = user, Title = "The API refused", Message = response.Fault ?? "Error." }, (int)response.Status),
    };

    public static string RouteId(HttpContext context) => context.Request.RouteValues["id"]?.ToString() ?? "";

    /// <summary>A redirect after a form post, with a line for the next page to show (notice or error).</summary>
    public static IResult Back(string path, string? notice = null, string? error = null)
    {
        var query = notice is not null ? "?notice=" + Uri.EscapeDataString(notice) : error is not null ? "?error=" + Uri.EscapeDataString(error) : "";
        return Results.Redirect(path + query);
    }

    /// <summary>The posted form; an empty one when the request has no form body (never a 500 for a bare POST).</summary>
    public static async Task<IFormCollection> FormAsync(HttpContext context) =>
        context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : FormCollection.Empty;

    public static string? Query(HttpContext context, string key) => context.Request.Query[key] is { Count: > 0 } v ? v[0] : null;
}

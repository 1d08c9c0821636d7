using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansCompute.WebConsole.Api;
using OrleansCompute.WebConsole.Components;
using OrleansCompute.WebConsole.Lifecycle;
using OrleansCompute.WebConsole.Session;

namespace OrleansCompute.WebConsole.Endpoints;

/// <summary>
/// The server's actions with parameters (resize, rebuild, create image): the posted form becomes Nova's body; a
/// refusal comes back to the server's page with Nova's message at the field it is about.
/// </summary>
internal static class ServerFormEndpoints
{
    public static void Map(RouteGroupBuilder group) => group.MapPost("/servers/{id}/forms/{action}", Page.Signed(SubmitAsync));

    private static async Task<IResult> SubmitAsync(HttpContext context, ConsoleUser user, ComputeApiClient api)
    {
        var id = Uri.EscapeDataString(Page.RouteId(context));
        var action = ParameterAction.Find(context.Request.RouteValues["action"]?.ToString());
        if (action is null)
        {
            return Page.Render<MessagePage>(new { User = user, Title = "Unknown action", Message = "The console offers no such action." }, 404);
        }

        var form = await Page.FormAsync(context);
        var body = action.Body(field => form[field].ToString().Trim());
        var response = await api.PostAsync($"/v2.1/servers/{id}/action", user.Token, body, cancellationToken: context.RequestAborted);
        if (response.Status == System.Net.HttpStatusCode.Unauthorized)
        {
            return Page.SignInFirst(context);
        }

        if (!response.Ok)
        {
            var message = response.Fault ?? "The API refused.";
            return Results.Redirect($"/console/servers/{id}?form={action.Name}&field={action.FieldOf(message)}&fieldError={Uri.EscapeDataString(message)}");
        }

        return Page.Back($"/console/servers/{id}", notice: action.Label + ": requested.");
    }
}

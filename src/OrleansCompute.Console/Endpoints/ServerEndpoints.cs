using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansCompute.WebConsole.Api;
using OrleansCompute.WebConsole.Components;
using OrleansCompute.WebConsole.Lifecycle;
using OrleansCompute.WebConsole.Session;

namespace OrleansCompute.WebConsole.Endpoints;

/// <summary>A server's page, its live part alone, and its actions (destructive ones after a confirmation page).</summary>
internal static class ServerEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/servers/{id}", Page.Signed(ShowAsync));
        group.MapGet("/servers/{id}/details", Page.Signed(DetailsAsync));
        group.MapGet("/servers/{id}/actions/{action}", Page.Signed(ConfirmAsync));
        group.MapPost("/servers/{id}/actions/{action}", Page.Signed(ActAsync));
    }

    private static string ServerPath(HttpContext context) => "/v2.1/servers/" + Uri.EscapeDataString(Page.RouteId(context));

    private static async Task<IResult> ShowAsync(HttpContext context, ConsoleUser user, ComputeApiClient api)
    {
        var path = ServerPath(context);
        var response = await api.GetAsync(path, user.Token, cancellationToken: context.RequestAborted);
        if (!response.Ok)
        {
            return Page.Refused(context, user, response);
        }

        var server = response.Body!["server"]!;
        var actions = await api.GetAsync(path + "/os-instance-actions", user.Token, cancellationToken: context.RequestAborted);
        var log = new List<JsonNode>();
        foreach (var entry in (actions.Body?["instanceActions"] as JsonArray ?? []).OfType<JsonNode>().Take(10))
        {
            // The events of an action are only in its own view.
            var one = await api.GetAsync(path + "/os-instance-actions/" + Uri.EscapeDataString(Json.Text(entry, "request_id")), user.Token, cancellationToken: context.RequestAborted);
            log.Add(one.Body?["instanceAction"] ?? entry);
        }

        var output = await api.PostAsync(path + "/action", user.Token, new JsonObject { ["os-getConsoleOutput"] = new JsonObject { ["length"] = 40 } }, cancellationToken: context.RequestAborted);
        var state = ServerState.From(server);
        var forms = ServerActionOffer.FormsFor(state, user.IsAdmin);
        return Page.Render<ServerPage>(new
        {
            User = user, Server = server, Actions = ServerActionOffer.For(state, user.IsAdmin), InstanceActions = log,
            Forms = forms,
            Flavors = forms.Any(f => f.Fields.Contains("flavor")) ? await Choices.FlavorsAsync(api, user.Token, context.RequestAborted) : [],
            Images = forms.Any(f => f.Fields.Contains("image")) ? await Choices.ImagesAsync(api, user.Token, context.RequestAborted) : [],
            Refusal = Page.Query(context, "form") is { } form && Page.Query(context, "fieldError") is { } message
                ? (form, Page.Query(context, "field") ?? "", message) : ((string, string, string)?)null,
            ConsoleOutput = output.Ok ? Json.Text(output.Body, "output") : "(" + output.Fault + ")",
            Notice = Page.Query(context, "notice"), Error = Page.Query(context, "error"),
        });
    }

    private static async Task<IResult> DetailsAsync(HttpContext context, ConsoleUser user, ComputeApiClient api)
    {
        var response = await api.GetAsync(ServerPath(context), user.Token, cancellationToken: context.RequestAborted);
        if (!response.Ok)
        {
            return Results.StatusCode((int)response.Status);
        }

        var server = response.Body!["server"]!;
        return Page.Render<ServerDetails>(new { Server = server, Actions = ServerActionOffer.For(ServerState.From(server), user.IsAdmin) });
    }

    private static async Task<IResult> ConfirmAsync(HttpContext context, ConsoleUser user, ComputeApiClient api)
    {
        var action = ConsoleAction.Find(context.Request.RouteValues["action"]?.ToString());
        var response = await api.GetAsync(ServerPath(context), user.Token, cancellationToken: context.RequestAborted);
        if (!response.Ok)
        {
            return Page.Refused(context, user, response);
        }

        if (action is null)
        {
            return Page.Render<MessagePage>(new { User = user, Title = "Unknown action", Message = "The console offers no such action." }, 404);
        }

        var server = response.Body!["server"];
        return Page.Render<ConfirmPage>(new { User = user, Action = action, ServerId = Json.Text(server, "id"), ServerName = Json.Text(server, "name") });
    }

    private static async Task<IResult> ActAsync(HttpContext context, ConsoleUser user, ComputeApiClient api)
    {
        var id = Page.RouteId(context);
        var action = ConsoleAction.Find(context.Request.RouteValues["action"]?.ToString());
        if (action is null)
        {
            return Page.Render<MessagePage>(new { User = user, Title = "Unknown action", Message = "The console offers no such action." }, 404);
        }

        var form = await Page.FormAsync(context);
        if (action.Destructive && form["confirm"] != "yes")
        {
            return Results.Redirect($"/console/servers/{Uri.EscapeDataString(id)}/actions/{action.Name}");
        }

        var path = ServerPath(context);
        var response = action.Body is null
            ? await api.DeleteAsync(path, user.Token, context.RequestAborted)
            : await api.PostAsync(path + "/action", user.Token, action.Body.DeepClone(), cancellationToken: context.RequestAborted);
        if (response.Status == System.Net.HttpStatusCode.Unauthorized)
        {
            return Page.SignInFirst(context);
        }

        if (!response.Ok)
        {
            return Page.Back($"/console/servers/{Uri.EscapeDataString(id)}", error: response.Fault);
        }

        return action.Kind == Servers.Actions.ServerActionKind.Delete
            ? Page.Back("/console/servers", notice: "Deleting the server.")
            : Page.Back($"/console/servers/{Uri.EscapeDataString(id)}", notice: action.Label + ": requested.");
    }
}

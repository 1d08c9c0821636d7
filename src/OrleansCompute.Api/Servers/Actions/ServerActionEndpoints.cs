using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansCompute.Api.Policy;
using OrleansCompute.Servers;
using OrleansCompute.Servers.Actions;

namespace OrleansCompute.Api.Servers.Actions;

/// <summary>
/// <c>POST /servers/{id}/action</c>: validate the body for the microversion (400 before anything else, as Nova's
/// schema decorator), one grain call that checks and starts the action, then Nova's response for that action;
/// the parser, the rule and the response are the action's row in <see cref="ServerActionDescriptors"/>.
/// </summary>
internal static class ServerActionEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/servers/{id}/action", ActAsync);
    }

    private static async Task<IResult> ActAsync(HttpContext context, string id, IGrainFactory grains, ServerViewWriter views, IOptions<ComputeApiOptions> options, Catalog.ComputeCatalog catalog)
    {
        var request = ComputeRequest.From(context);
        using var body = await JsonBody.ReadAsync(context);
        var parsed = ServerActionParser.Parse(body.RootElement, request.Version, request.Caller);
        var descriptor = ServerActionDescriptors.Find(parsed.Name) ?? throw new InvalidOperationException($"No descriptor for the action {parsed.Name}.");
        // Nova's order: the body's schema (400), the server (404), then the action's policy rule (403).
        await context.AuthorizeServerAsync(descriptor.Policy, id);
        var grain = grains.GetGrain<IServerGrain>(Resources.ServerRoute.ParseId(id));
        var command = parsed.Command is not null && descriptor.Resolve is { } resolve
            ? await resolve(context.RequestServices.GetRequiredService<Network.NetworkService>(), parsed.Command)
            : parsed.Command;
        if (parsed.Command is null && descriptor.Read is { } read)
        {
            return await read(new ActionRead(context, request, parsed, grain, grains));
        }

        if (parsed.Command is null)
        {
            var output = await grain.GetConsoleOutputAsync(request.Caller, parsed.ConsoleLength);
            return new JsonResponse(200, w =>
            {
                w.WriteStartObject();
                w.WriteString("output", output);
                w.WriteEndObject();
            });
        }

        var result = await grain.ActAsync(ActionPolicy.Apply(request, descriptor, command!));
        return await descriptor.Respond(new ActionAnswer(request, parsed, result.Server, views, options.Value));
    }
}

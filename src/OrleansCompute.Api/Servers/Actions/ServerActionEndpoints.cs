using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using OrleansCompute.Api.Policy;
using OrleansCompute.Faults;
using OrleansCompute.Servers;
using OrleansCompute.Servers.Actions;

namespace OrleansCompute.Api.Servers.Actions;

/// <summary>
/// <c>POST /servers/{id}/action</c>: validate the body for the microversion (400 before anything else, as Nova's
/// schema decorator), one grain call that checks and starts the action, then Nova's response for that action.
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
        // Nova's order: the body's schema (400), the server (404), then the action's policy rule (403).
        await context.AuthorizeServerAsync(ServerActionPolicies.RuleFor(parsed.Name) ?? throw new InvalidOperationException($"No policy rule for the action {parsed.Name}."), id);
        var grain = grains.GetGrain<IServerGrain>(ParseId(id));
        var command = parsed.Command is null ? null : ActionPolicy.Apply(request, parsed.Command);
        Validation.SecurityGroupRules.EnsureExistForAction(catalog, command?.Action == ServerActionKind.AddSecurityGroup ? command.SecurityGroup : null);
        if (command is null)
        {
            var output = await grain.GetConsoleOutputAsync(request.Caller, parsed.ConsoleLength);
            return new JsonResponse(200, w =>
            {
                w.WriteStartObject();
                w.WriteString("output", output);
                w.WriteEndObject();
            });
        }

        var result = await grain.ActAsync(command);
        if (command.Action == ServerActionKind.Rebuild)
        {
            await views.PrepareAsync([result.Server], request);
        }

        var settings = options.Value;
        switch (command.Action)
        {
            case ServerActionKind.Rescue:
                var rescuePass = settings.EnableInstancePassword ? parsed.AdminPass ?? AdminPasswordGenerator.Generate(settings.PasswordLength) : null;
                return new JsonResponse(200, w =>
                {
                    w.WriteStartObject();
                    if (rescuePass is not null)
                    {
                        w.WriteString("adminPass", rescuePass);
                    }

                    w.WriteEndObject();
                });
            case ServerActionKind.Rebuild:
                var rebuildPass = settings.EnableInstancePassword ? parsed.AdminPass ?? AdminPasswordGenerator.Generate(settings.PasswordLength) : null;
                return new JsonResponse(
                    202,
                    w =>
                    {
                        w.WriteStartObject();
                        w.WritePropertyName("server");
                        RebuildView.Write(w, views, result.Server, request, rebuildPass);
                        w.WriteEndObject();
                    },
                    request.Links.Self("servers", result.Server.Id.ToString()));
            case ServerActionKind.ConfirmResize:
                return Results.StatusCode(204);
            case ServerActionKind.CreateImage or ServerActionKind.CreateBackup:
                return ImageResponse(request, parsed);
            default:
                return Results.StatusCode(202);
        }
    }

    /// <summary>Below 2.45 an empty 202 with the image's Location (a backup only with a rotation); from 2.45 the id in the body.</summary>
    private static IResult ImageResponse(ComputeRequest request, ParsedServerAction parsed)
    {
        var imageId = parsed.Command!.ImageId!;
        if (request.Version.AtLeast(2, 45))
        {
            return new JsonResponse(202, w =>
            {
                w.WriteStartObject();
                w.WriteString("image_id", imageId);
                w.WriteEndObject();
            });
        }

        if (parsed.Command.Action == ServerActionKind.CreateBackup && parsed.Rotation == 0)
        {
            return Results.StatusCode(202);
        }

        return new LocationOnly(202, request.Links.Self("images", imageId));
    }

    private static Guid ParseId(string id) =>
        Guid.TryParse(id, out var guid) ? guid : throw ComputeFaultException.NotFound($"Instance {id} could not be found.");

    /// <summary>An empty response with a Location header.</summary>
    private sealed class LocationOnly(int statusCode, string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = statusCode;
            httpContext.Response.Headers.Location = location;
            httpContext.Response.ContentLength = 0;
            return Task.CompletedTask;
        }
    }
}

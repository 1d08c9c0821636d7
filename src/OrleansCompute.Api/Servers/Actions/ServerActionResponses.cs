using Microsoft.AspNetCore.Http;
using OrleansCompute.Servers.Actions;

namespace OrleansCompute.Api.Servers.Actions;

/// <summary>Nova's responses to the actions that answer more than an empty 202 (named by their descriptors).</summary>
internal static class ServerActionResponses
{
    private static readonly IResult Empty202 = Results.StatusCode(202);

    /// <summary>Most actions: an empty 202.</summary>
    public static ValueTask<IResult> Accepted(ActionAnswer answer) => ValueTask.FromResult(Empty202);

    /// <summary>confirmResize: 204.</summary>
    public static ValueTask<IResult> NoContent(ActionAnswer answer) => ValueTask.FromResult(Results.StatusCode(204));

    /// <summary>rescue: 200 with the rescue password (given or generated) when instance passwords are on.</summary>
    public static ValueTask<IResult> Rescue(ActionAnswer answer)
    {
        var rescuePass = Password(answer);
        return ValueTask.FromResult<IResult>(new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            if (rescuePass is not null)
            {
                w.WriteString("adminPass", rescuePass);
            }

            w.WriteEndObject();
        }));
    }

    /// <summary>
    /// evacuate: 200. Below 2.14 <c>{"adminPass": ...}</c> when instance passwords are on (the one given, else one
    /// generated unless the disks are shared, else null) or <c>{}</c>; from 2.14 no body.
    /// </summary>
    public static ValueTask<IResult> Evacuate(ActionAnswer answer)
    {
        if (answer.Request.Version.AtLeast(2, 14))
        {
            return ValueTask.FromResult(Results.StatusCode(200));
        }

        var (parsed, settings) = (answer.Parsed, answer.Settings);
        return ValueTask.FromResult<IResult>(new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            if (settings.EnableInstancePassword)
            {
                var password = parsed.AdminPass ?? (parsed.OnSharedStorage ? null : AdminPasswordGenerator.Generate(settings.PasswordLength));
                w.WriteString("adminPass", password);
            }

            w.WriteEndObject();
        }));
    }

    /// <summary>rebuild: 202 with the server's view and its new password.</summary>
    public static async ValueTask<IResult> Rebuild(ActionAnswer answer)
    {
        var (request, server, views) = (answer.Request, answer.Server, answer.Views);
        await views.PrepareAsync([server], request);
        var rebuildPass = Password(answer);
        return new JsonResponse(
            202,
            w =>
            {
                w.WriteStartObject();
                w.WritePropertyName("server");
                RebuildView.Write(w, views, server, request, rebuildPass);
                w.WriteEndObject();
            },
            request.Links.Self("servers", server.Id.ToString()));
    }

    /// <summary>createImage / createBackup: below 2.45 an empty 202 with the image's Location (a backup only with a rotation); from 2.45 the id in the body.</summary>
    public static ValueTask<IResult> Image(ActionAnswer answer)
    {
        var (request, parsed) = (answer.Request, answer.Parsed);
        var imageId = parsed.Command!.ImageId!;
        if (request.Version.AtLeast(2, 45))
        {
            return ValueTask.FromResult<IResult>(new JsonResponse(202, w =>
            {
                w.WriteStartObject();
                w.WriteString("image_id", imageId);
                w.WriteEndObject();
            }));
        }

        if (parsed.Command.Action == ServerActionKind.CreateBackup && parsed.Rotation == 0)
        {
            return ValueTask.FromResult(Empty202);
        }

        return ValueTask.FromResult<IResult>(new LocationOnly(202, request.Links.Self("images", imageId)));
    }

    private static string? Password(ActionAnswer answer) =>
        answer.Settings.EnableInstancePassword ? answer.Parsed.AdminPass ?? AdminPasswordGenerator.Generate(answer.Settings.PasswordLength) : null;

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

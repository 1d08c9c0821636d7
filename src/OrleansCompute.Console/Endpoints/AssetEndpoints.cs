using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Builder;

namespace OrleansCompute.WebConsole.Endpoints;

/// <summary>
/// The stylesheet and script (<c>wwwroot/</c> in the repository), served from the assembly at
/// <c>/console/assets/{file}</c>: no CDN, no build step, and the same in every hosting environment.
/// </summary>
internal static class AssetEndpoints
{
    private static readonly Dictionary<string, string> Types = new(StringComparer.Ordinal)
    {
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
    };

    public static void Map(RouteGroupBuilder group) => group.MapGet("/assets/{file}", (string file, HttpContext context) =>
    {
        var stream = typeof(AssetEndpoints).Assembly.GetManifestResourceStream("console-assets/" + file);
        if (stream is null || !Types.TryGetValue(Path.GetExtension(file), out var type))
        {
            stream?.Dispose();
            return Results.NotFound();
        }

        context.Response.Headers.CacheControl = "no-cache";
        return Results.Stream(stream, type);
    });
}

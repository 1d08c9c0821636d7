using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace OrleansCompute.Api.Identity;

/// <summary>Where the built-in identity service and the catalog's services live on this host.</summary>
internal static class IdentityPaths
{
    public const string Identity = "/identity";
    public const string IdentityV3 = Identity + "/v3";
    public const string Image = "/image";

    /// <summary>The base URL clients use: the configured public URL, else the scheme and host of the request.</summary>
    public static string BaseUrl(HttpContext context, IOptions<IdentityOptions> options)
    {
        var configured = options.Value.PublicUrl;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured.TrimEnd('/');
        }

        var request = context.Request;
        return $"{request.Scheme}://{request.Host}{request.PathBase}";
    }
}

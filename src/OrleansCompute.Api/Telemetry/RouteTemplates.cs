using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace OrleansCompute.Api.Telemetry;

/// <summary>
/// The <c>http.route</c> tag of a request: its endpoint's route template with parameter constraints left out
/// (<c>/v2.1/{project_id}/servers/{server_id}</c>), so that a tag never carries an id and stays readable.
/// Computed once per endpoint.
/// </summary>
internal static class RouteTemplates
{
    /// <summary>The tag of a request that matched no route template.</summary>
    public const string Unmatched = "unmatched";

    private static readonly ConditionalWeakTable<RoutePattern, string> Names = new();

    public static string Of(HttpContext context) =>
        context.GetEndpoint() is RouteEndpoint endpoint
            ? Names.GetValue(endpoint.RoutePattern, Describe)
            : Unmatched;

    private static string Describe(RoutePattern pattern)
    {
        var text = new StringBuilder();
        foreach (var segment in pattern.PathSegments)
        {
            text.Append('/');
            foreach (var part in segment.Parts)
            {
                text.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternSeparatorPart separator => separator.Content,
                    RoutePatternParameterPart { IsCatchAll: true } parameter => "{**" + parameter.Name + "}",
                    RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
                    _ => string.Empty,
                });
            }
        }

        return text.Length == 0 ? "/" : text.ToString();
    }
}

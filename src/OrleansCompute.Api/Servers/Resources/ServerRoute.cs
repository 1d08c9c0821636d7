using OrleansCompute.Faults;

namespace OrleansCompute.Api.Servers.Resources;

/// <summary>The <c>{id}</c> of a server route: a value that is not a UUID is a 404, not a 400, as in Nova.</summary>
internal static class ServerRoute
{
    /// <summary>
    /// Only the canonical 36-character form names a server. Nova looks the id up as the literal text, so the other
    /// spellings .NET would parse (braces, parentheses, 32 hex digits) find nothing there: 404 here too.
    /// </summary>
    public static Guid ParseId(string id) =>
        Guid.TryParseExact(id, "D", out var guid) ? guid : throw ComputeFaultException.NotFound($"Instance {id} could not be found.");

    /// <summary>Routes that exist only from a microversion answer 404 below it, as if they did not exist.</summary>
    public static void RequireVersion(ComputeRequest request, int major, int minor)
    {
        if (!request.Version.AtLeast(major, minor))
        {
            throw ComputeFaultException.NotFound("The resource could not be found.");
        }
    }
}

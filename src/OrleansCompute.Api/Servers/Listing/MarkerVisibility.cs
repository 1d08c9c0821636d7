using OrleansCompute.Faults;
using OrleansCompute.Identity;
using OrleansCompute.Indexing;

namespace OrleansCompute.Api.Servers.Listing;

/// <summary>
/// A list marker must be a server the caller could see. Nova looks the marker up in the caller's context
/// (project_only for a non-admin), so another project's server is "marker not found" like an id that does not
/// exist: answering otherwise would let a member test whether an id exists in another project and where it sorts.
/// </summary>
internal static class MarkerVisibility
{
    public static async Task EnsureVisibleAsync(ServerQuery query, CallerContext caller, IServerIndex index, CancellationToken cancellationToken)
    {
        if (query.Marker is not { } marker || caller.IsAdmin || query.ProjectId is null)
        {
            return;
        }

        var server = await index.FindAsync(marker, cancellationToken);
        if (server is null || !string.Equals(server.ProjectId, query.ProjectId, StringComparison.Ordinal))
        {
            throw ComputeFaultException.BadRequest($"marker [{marker}] not found");
        }
    }
}

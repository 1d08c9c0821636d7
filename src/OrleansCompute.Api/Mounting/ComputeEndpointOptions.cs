using Microsoft.AspNetCore.Http;
using OrleansCompute.Identity;
using ImpliedRolesSource = OrleansCompute.Api.Identity.ImpliedRoles;

namespace OrleansCompute.Api;

/// <summary>
/// Resolves who makes a request from the embedding product's own authentication (a cookie, a JWT bearer, a
/// session): the project, user and roles the compute API acts for. Return null for an unauthenticated request;
/// the API then answers Nova's 401. Runs after the product's middleware (for example after
/// <c>UseAuthentication</c>), so <see cref="HttpContext.User"/> is already set.
/// </summary>
public delegate ValueTask<ComputeCaller?> ComputeCallerResolver(HttpContext context);

/// <summary>The caller an embedding product supplies: whom the compute API acts for.</summary>
/// <param name="ProjectId">The project (tenant) that owns what this caller creates and sees.</param>
/// <param name="UserId">The user, recorded on the servers they create and in the action log.</param>
/// <param name="Roles">
/// Role names, expanded with Keystone's default implied roles (admin implies manager, member and reader; member
/// implies reader) before Nova's default policy sees them: <c>member</c> may use its project's servers, <c>reader</c>
/// only read them, <c>admin</c> is an admin in Nova's sense.
/// </param>
public sealed record ComputeCaller(string ProjectId, string UserId, IReadOnlyList<string> Roles)
{
    internal CallerContext ToCallerContext(string requestId) =>
        new() { ProjectId = ProjectId, UserId = UserId, Roles = ImpliedRolesSource.Expand(Roles), RequestId = requestId };
}

/// <summary>How the Nova routes are mounted into an application (see <c>MapOrleansCompute</c>).</summary>
public sealed class ComputeEndpointOptions
{
    /// <summary>
    /// The product's own authentication. Null (the default): the configured token mode (<c>Compute:Auth</c>)
    /// reads <c>X-Auth-Token</c>.
    /// </summary>
    public ComputeCallerResolver? ResolveCaller { get; set; }

    /// <summary>Serve the OpenAPI document of the mounted routes at <c>{prefix}/openapi/v1.json</c>. On by default.</summary>
    public bool MapOpenApiDocument { get; set; } = true;
}

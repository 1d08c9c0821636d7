using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using OrleansCompute.Api.Auth;

namespace OrleansCompute.Api.Policy;

/// <summary>
/// One line per route: <c>routes.MapGet(...).RequirePolicy(ComputePolicies.ServersIndex)</c>, or
/// <c>.RequireServerPolicy(...)</c> for a route with a server id. The rule is checked after authentication
/// and routing, before the handler reads the body.
/// </summary>
public static class PolicyEndpointExtensions
{
    public static TBuilder RequirePolicy<TBuilder>(this TBuilder builder, string rule)
        where TBuilder : IEndpointConventionBuilder => builder.WithPolicy(new PolicyRequirement(rule, ServerScoped: false));

    /// <summary>For routes with a server id (<c>{id}</c> or <c>{server_id}</c>).</summary>
    public static TBuilder RequireServerPolicy<TBuilder>(this TBuilder builder, string rule)
        where TBuilder : IEndpointConventionBuilder => builder.WithPolicy(new PolicyRequirement(rule, ServerScoped: true));

    /// <summary>For routes about another project, named by a route value (<c>/os-quota-sets/{project}</c>).</summary>
    public static TBuilder RequireProjectPolicy<TBuilder>(this TBuilder builder, string rule, string projectRouteValue)
        where TBuilder : IEndpointConventionBuilder => builder.WithPolicy(new PolicyRequirement(rule, ServerScoped: false, projectRouteValue));

    private static TBuilder WithPolicy<TBuilder>(this TBuilder builder, PolicyRequirement requirement)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(requirement);
        builder.AddEndpointFilter(async (invocation, next) =>
        {
            var context = invocation.HttpContext;
            if (requirement.ServerScoped)
            {
                await context.AuthorizeServerAsync(requirement.Rule, ServerIdFromRoute(context));
            }
            else if (requirement.ProjectRouteValue is { } routeValue)
            {
                var caller = context.Caller();
                var project = context.Request.RouteValues.TryGetValue(routeValue, out var value) && value is string text ? text : caller.ProjectId;
                context.ComputePolicy().Authorize(caller, requirement.Rule, new PolicyTarget(project, caller.UserId));
            }
            else
            {
                context.Authorize(requirement.Rule);
            }

            return await next(invocation);
        });
        return builder;
    }

    private static string ServerIdFromRoute(HttpContext context) =>
        context.Request.RouteValues.TryGetValue("server_id", out var serverId) && serverId is string server ? server
        : context.Request.RouteValues.TryGetValue("id", out var id) && id is string value ? value
        : throw new InvalidOperationException($"The route {context.Request.Path} has no server id for its server policy.");
}

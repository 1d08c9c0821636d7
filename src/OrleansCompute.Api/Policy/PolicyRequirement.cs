namespace OrleansCompute.Api.Policy;

/// <summary>
/// Endpoint metadata: the Nova policy rule a route checks before its handler runs. <see cref="ServerScoped"/>
/// routes address one server, whose visibility is checked first when the rule denies (another project's
/// server stays 404, as in Nova, which looks the server up before it checks the policy).
/// <see cref="ProjectRouteValue"/> names the route value holding the target project (os-quota-sets/{project});
/// otherwise the target is the caller's own project.
/// </summary>
public sealed record PolicyRequirement(string Rule, bool ServerScoped, string? ProjectRouteValue = null);

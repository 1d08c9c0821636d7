using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OrleansCompute.Api;
using OrleansCompute.Api.Policy;
using OrleansCompute.Hosting;
using OrleansCompute.Indexing;

namespace OrleansCompute.Tests.Unit;

/// <summary>
/// Every compute route declares its Nova policy rule (<c>RequirePolicy</c> / <c>RequireServerPolicy</c>), except
/// the ones Nova checks no rule for. A new route without one fails here, not in production.
/// </summary>
public sealed class PolicyCoverageTests
{
    /// <summary>Routes Nova answers for any authenticated caller: flavors and the image proxy have no policy rule.</summary>
    private static readonly string[] WithoutRule =
    [
        "GET /flavors", "GET /flavors/detail", "GET /flavors/{id}",
        "GET /images", "GET /images/detail", "GET /images/{id}",

        // One route for every action: its handler checks the action's own rule (ServerActionPolicies).
        "POST /servers/{id}/action",
        "POST /flavors/{id}/action",
        "POST /os-aggregates/{id}/action",
    ];

    [Fact]
    public void Every_compute_route_has_a_policy_rule_that_is_registered()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration["Compute:Auth:Mode"] = "noauth";
        ComputeHostingExtensions.AddComputeServices(builder.Services, builder.Configuration);
        // Registered so that route handlers bind them as services; never called here.
        builder.Services.AddSingleton<IGrainFactory>(_ => throw new InvalidOperationException());
        builder.Services.AddSingleton<IServerIndex>(_ => throw new InvalidOperationException());
        using var app = builder.Build();
        app.MapComputeApi();
        var policy = app.Services.GetRequiredService<IComputePolicy>();

        var routes = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/v2.1/", StringComparison.Ordinal) == true && !e.RoutePattern.RawText.StartsWith("/v2.1/{project_id}", StringComparison.Ordinal))
            .ToList();
        routes.Should().NotBeEmpty();

        var missing = new List<string>();
        foreach (var route in routes)
        {
            var methods = route.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["*"];
            // Both mappings of a route (with and without the project segment) must carry the rule.
            var path = string.Concat(route.RoutePattern.PathSegments.Skip(1)
                .Where(segment => !segment.Parts.OfType<Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart>().Any(p => p.Name == "project_id"))
                .Select(segment => "/" + string.Concat(segment.Parts.Select(part => part switch
                {
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
                    _ => "",
                }))));
            var name = $"{string.Join(",", methods)} {path}";
            var requirement = route.Metadata.GetMetadata<PolicyRequirement>();
            // Routes Nova removed answer 410 without a policy check.
            if (requirement is null && route.Metadata.GetMetadata<OrleansCompute.Api.Operator.RemovedRouteMarker>() is not null)
            {
                continue;
            }

            if (requirement is null)
            {
                if (!WithoutRule.Contains(name))
                {
                    missing.Add(name);
                }

                continue;
            }

            var act = () => policy.IsAllowed(new OrleansCompute.Identity.CallerContext { UserId = "u", ProjectId = "p", RequestId = "r" }, requirement.Rule);
            act.Should().NotThrow($"{name} checks {requirement.Rule}, which must be registered");
        }

        missing.Should().BeEmpty("every compute route checks a Nova policy rule");
    }
}

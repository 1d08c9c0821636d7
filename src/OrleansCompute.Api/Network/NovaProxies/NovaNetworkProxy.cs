using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OrleansCompute.Api.Policy;
using OrleansCompute.Faults;
using OrleansCompute.Networking;

namespace OrleansCompute.Api.Network.NovaProxies;

/// <summary>
/// What Nova's network proxies share: they exist below 2.36 only (404 from 2.36, before any policy, as a method Nova
/// no longer has), they check their rule for the caller's own project, and a Neutron refusal reaches the caller as a
/// Nova fault carrying Neutron's message (never a NeutronError body).
/// </summary>
internal static class NovaNetworkProxy
{
    public static void Map(Microsoft.AspNetCore.Routing.IEndpointRouteBuilder routes)
    {
        SecurityGroupProxyEndpoints.Map(routes);
        SecurityGroupRuleProxyEndpoints.Map(routes);
        NetworkProxyEndpoints.Map(routes);
    }

    /// <summary>
    /// The proxies' gate, run before the route's policy filter (endpoint filters run in the order they are added):
    /// from 2.36 the route does not exist, so the answer is 404 whatever the caller may do.
    /// </summary>
    public static RouteHandlerBuilder BelowProxyCutoff(this RouteHandlerBuilder route) =>
        route.AddEndpointFilter((invocation, next) =>
        {
            if (ComputeRequest.From(invocation.HttpContext).Version.AtLeast(2, 36))
            {
                throw ComputeFaultException.NotFound("The resource could not be found.");
            }

            return next(invocation);
        });

    /// <summary>The request and the network service, once the route's gate and policy have let the call through.</summary>
    public static (ComputeRequest Request, NetworkService Network) Begin(HttpContext context) =>
        (ComputeRequest.From(context), context.RequestServices.GetRequiredService<NetworkService>());

    /// <summary>Runs a call to the network service; its fault becomes Nova's with the same message (404 stays 404, 409 becomes <paramref name="conflictStatus"/>).</summary>
    public static async Task<T> CallAsync<T>(Func<Task<T>> call, int conflictStatus = 400)
    {
        try
        {
            return await call();
        }
        catch (NeutronFaultException fault)
        {
            throw new ComputeFaultException(fault.StatusCode switch { 404 => 404, 409 => conflictStatus, 403 => 403, _ => 400 }, fault.Message);
        }
    }

    /// <summary>Nova's <c>validate_id</c> for security groups and rules with Neutron: a UUID, else 400.</summary>
    public static string SecurityGroupId(string? id) =>
        id is not null && Guid.TryParse(id, out _) ? id : throw ComputeFaultException.BadRequest("Security group id should be uuid");

    /// <summary>Nova's <c>common.limited</c>: <c>offset</c> and <c>limit</c> (at most 1000) over the whole list.</summary>
    public static IEnumerable<T> Limited<T>(IEnumerable<T> items, IQueryCollection query)
    {
        var offset = NonNegative(query, "offset") ?? 0;
        var limit = Math.Min(NonNegative(query, "limit") ?? 1000, 1000);
        return items.Skip(offset).Take(limit == 0 ? 1000 : limit);
    }

    private static int? NonNegative(IQueryCollection query, string name)
    {
        if (!query.TryGetValue(name, out var values))
        {
            return null;
        }

        if (!int.TryParse(values.ToString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw ComputeFaultException.BadRequest($"{name} param must be an integer");
        }

        return value < 0 ? throw ComputeFaultException.BadRequest($"{name} param must be positive") : value;
    }
}

using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansCompute.Api.Policy;
using OrleansCompute.Api.Servers.Resources;
using OrleansCompute.Api.Validation;
using OrleansCompute.Consoles;
using OrleansCompute.Faults;
using OrleansCompute.Servers;

namespace OrleansCompute.Api.Consoles;

/// <summary>
/// <c>POST /servers/{id}/remote-consoles</c> (2.6+) and the admin's <c>GET /os-console-auth-tokens/{token}</c>
/// (2.31+; 400 below it), which shows what a token grants.
/// </summary>
internal static class RemoteConsoleEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/servers/{id}/remote-consoles", CreateAsync).RequireServerPolicy(ComputePolicies.RemoteConsoles);
        routes.MapGet("/os-console-auth-tokens/{token}", ShowTokenAsync).RequirePolicy(ComputePolicies.ConsoleAuthTokens);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, string id, IGrainFactory grains, TimeProvider clock)
    {
        var request = ComputeRequest.From(context);
        if (!request.Version.AtLeast(2, 6))
        {
            throw ComputeFaultException.NotFound("The resource could not be found.");
        }

        using var body = await JsonBody.ReadAsync(context);
        var (protocol, type) = Parse(body.RootElement, request.Version);
        var server = await grains.GetGrain<IServerGrain>(ServerRoute.ParseId(id)).GetAsync(request.Caller);
        ConsoleTypeRules.EnsureServed(protocol, type);
        var url = await ConsoleIssuer.IssueAsync(grains, context, server, type, clock);
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("remote_console");
            w.WriteString("protocol", protocol);
            w.WriteString("type", type);
            w.WriteString("url", url);
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    private static (string Protocol, string Type) Parse(JsonElement root, Microversions.ApiVersion version)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw SchemaErrors.WrongType("", root, "object");
        }

        foreach (var property in root.EnumerateObject().Where(p => p.Name != "remote_console"))
        {
            throw SchemaErrors.Additional(property.Name);
        }

        if (!root.TryGetProperty("remote_console", out var console))
        {
            throw SchemaErrors.Required("remote_console");
        }

        if (console.ValueKind != JsonValueKind.Object)
        {
            throw SchemaErrors.WrongType("remote_console", console, "object");
        }

        foreach (var property in console.EnumerateObject().Where(p => p.Name is not ("protocol" or "type")))
        {
            throw SchemaErrors.Additional(property.Name);
        }

        var protocol = console.TryGetProperty("protocol", out var p) ? EnumRule.Check("remote_console/protocol", p, ConsoleTypeRules.Protocols(version)) : throw SchemaErrors.Required("protocol");
        var type = console.TryGetProperty("type", out var t) ? EnumRule.Check("remote_console/type", t, ConsoleTypeRules.Types(version)) : throw SchemaErrors.Required("type");
        return (protocol, type);
    }

    private static async Task<IResult> ShowTokenAsync(HttpContext context, string token, IConsoleTokenValidator validator)
    {
        var request = ComputeRequest.From(context);
        if (!request.Version.AtLeast(2, 31))
        {
            throw ComputeFaultException.BadRequest("The console authentication token API is only available from microversion 2.31.");
        }

        var found = await validator.ValidateAsync(token) ?? throw ComputeFaultException.NotFound("The token is invalid or has expired.");
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("console");
            w.WriteString("instance_uuid", found.InstanceUuid);
            w.WriteString("host", found.Host);
            w.WriteNumber("port", found.Port);
            if (found.InternalAccessPath is null)
            {
                w.WriteNull("internal_access_path");
            }
            else
            {
                w.WriteString("internal_access_path", found.InternalAccessPath);
            }

            // 2.99: the TLS port of a spice-direct console; this host issues none, so there is no TLS port.
            if (request.Version.AtLeast(2, 99))
            {
                w.WriteNull("tls_port");
            }

            w.WriteEndObject();
            w.WriteEndObject();
        });
    }
}

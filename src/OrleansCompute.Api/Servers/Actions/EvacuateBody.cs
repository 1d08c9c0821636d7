using System.Text.Json;
using System.Text.RegularExpressions;
using OrleansCompute.Api.Validation;
using OrleansCompute.Faults;
using OrleansCompute.Servers.Actions;
using static OrleansCompute.Api.Servers.Actions.ActionBodyRules;

namespace OrleansCompute.Api.Servers.Actions;

/// <summary>
/// Nova's evacuate schemas: <c>host</c> (an FQDN-ish name), <c>adminPass</c>, and <c>onSharedStorage</c> (required
/// below 2.14, gone from 2.14), <c>force</c> from 2.29 to 2.67; then the API's own rules: force without a host, and
/// a password on shared storage, are 400. From 2.95 the evacuated server ends stopped.
/// </summary>
internal static partial class EvacuateBody
{
    public static ParsedServerAction Parse(ActionBody request)
    {
        var version = request.Version;
        var keys = new List<string> { "host", "adminPass" };
        if (!version.AtLeast(2, 14))
        {
            keys.Add("onSharedStorage");
        }

        if (version.AtLeast(2, 29) && !version.AtLeast(2, 68))
        {
            keys.Add("force");
        }

        var body = Object("evacuate", request.Value, nullAllowed: false, [.. keys])!.Value;
        var shared = !version.AtLeast(2, 14) && BooleanIsh("onSharedStorage", Required(body, "onSharedStorage"));
        var host = body.TryGetProperty("host", out var hostValue) ? Host(hostValue) : null;
        var adminPass = body.TryGetProperty("adminPass", out var pass) ? String("adminPass", pass) : null;
        var force = body.TryGetProperty("force", out var forceValue) && BooleanIsh("force", forceValue);
        if (force && host is null)
        {
            throw ComputeFaultException.BadRequest("Can't force to a non-provided destination");
        }

        if (adminPass is not null && shared)
        {
            throw ComputeFaultException.BadRequest("admin password can't be changed on existing disk");
        }

        var command = new ServerActionCommand
        {
            Caller = request.Caller,
            Action = ServerActionKind.Evacuate,
            Host = host,
            Force = force,
            EvacuateStopped = version.AtLeast(2, 95),
        };
        return new("evacuate", command) { AdminPass = adminPass, OnSharedStorage = shared };
    }

    /// <summary>Nova's <c>parameter_types.fqdn</c>.</summary>
    private static string Host(JsonElement value)
    {
        var host = String("host", value, 1, 255);
        return HostPattern().IsMatch(host) ? host : throw SchemaErrors.Invalid("host", value, $"'{host}' does not match '^[a-zA-Z0-9-._]*$'");
    }

    [GeneratedRegex("^[a-zA-Z0-9-._]*$", RegexOptions.CultureInvariant)]
    private static partial Regex HostPattern();
}

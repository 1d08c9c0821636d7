using OrleansCompute.Api.Microversions;
using OrleansCompute.Faults;

namespace OrleansCompute.Api.Consoles;

/// <summary>
/// Nova's console schemas: the protocol and type enums of remote-consoles (mks/webmks from 2.8, spice-direct from
/// 2.99), then the controller's checks: RDP is gone (always 400) and a type must belong to its protocol.
/// </summary>
internal static class ConsoleTypeRules
{
    public static string[] Protocols(ApiVersion version) =>
        version.AtLeast(2, 8) ? ["vnc", "spice", "rdp", "serial", "mks"] : ["vnc", "spice", "rdp", "serial"];

    public static string[] Types(ApiVersion version) =>
        [
            "novnc", "xvpvnc", "rdp-html5", "spice-html5", "serial",
            .. version.AtLeast(2, 8) ? new[] { "webmks" } : [],
            .. version.AtLeast(2, 99) ? new[] { "spice-direct" } : [],
        ];

    /// <summary>The controller's refusals after the schema: RDP consoles, and a type of another protocol.</summary>
    public static void EnsureServed(string protocol, string type)
    {
        if (protocol == "rdp" || type == "rdp-html5")
        {
            throw ComputeFaultException.BadRequest("RDP consoles are not supported.");
        }

        if (!ConsoleIssuer.Serves(protocol, type))
        {
            throw ComputeFaultException.BadRequest($"Invalid console type {type}");
        }
    }
}

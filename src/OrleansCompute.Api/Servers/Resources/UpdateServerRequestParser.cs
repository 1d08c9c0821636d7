using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using OrleansCompute.Api.Microversions;
using OrleansCompute.Api.Validation;
using OrleansCompute.Faults;
using OrleansCompute.Servers;

namespace OrleansCompute.Api.Servers.Resources;

/// <summary>
/// The body of <c>PUT /servers/{id}</c>: <c>{"server": {...}}</c> with name, OS-DCF:diskConfig, accessIPv4,
/// accessIPv6, description (2.19), hostname (2.90; FQDN form from 2.94) and pinned_availability_zone (2.104).
/// Any other key is a 400, as Nova's strict schema says.
/// </summary>
internal static partial class UpdateServerRequestParser
{
    public static ServerUpdate Parse(JsonElement body, ApiVersion version)
    {
        var server = BodyRules.Envelope(body, "server");
        if (server.ValueKind != JsonValueKind.Object)
        {
            throw SchemaErrors.WrongType("server", server, "object");
        }

        var update = new ServerUpdate();
        foreach (var property in server.EnumerateObject())
        {
            var value = property.Value;
            update = property.Name switch
            {
                "name" => update with { Name = Name(value) },
                "OS-DCF:diskConfig" => update with { DiskConfig = DiskConfig(value) },
                "accessIPv4" => update with { AccessIPv4 = IpAddress("accessIPv4", value, AddressFamily.InterNetwork) },
                "accessIPv6" => update with { AccessIPv6 = IpAddress("accessIPv6", value, AddressFamily.InterNetworkV6) },
                "description" when version.AtLeast(2, 19) => update with { DescriptionGiven = true, Description = Description(value) },
                "hostname" when version.AtLeast(2, 90) => update with { Hostname = Hostname(value, version) },
                "pinned_availability_zone" when version.AtLeast(2, 104) => update with
                {
                    PinnedAvailabilityZoneGiven = true,
                    PinnedAvailabilityZone = PinnedZone(value),
                },
                _ => throw SchemaErrors.Additional(property.Name),
            };
        }

        return update;
    }

    private static string Name(JsonElement value)
    {
        var text = String("name", value);
        if (text.Length == 0)
        {
            throw SchemaErrors.Invalid("name", value, "'' is too short");
        }

        if (text.Length > 255)
        {
            throw SchemaErrors.Invalid("name", value, $"'{text}' is too long");
        }

        return NameRules.IsValidName(text)
            ? text
            : throw ComputeFaultException.BadRequest($"Invalid input for field/attribute name. Value: {text}. {NameRules.InvalidNameMessage}");
    }

    private static string DiskConfig(JsonElement value) =>
        value.ValueKind == JsonValueKind.String && value.GetString() is "AUTO" or "MANUAL"
            ? value.GetString()!
            : throw SchemaErrors.Invalid("OS-DCF:diskConfig", value, $"{SchemaErrors.Quoted(value)} is not one of ['AUTO', 'MANUAL']");

    private static string IpAddress(string field, JsonElement value, AddressFamily family) => AccessAddress.Parse(field, value, family);

    private static string? Description(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var text = String("description", value);
        if (text.Length > 255)
        {
            throw SchemaErrors.Invalid("description", value, $"'{text}' is too long");
        }

        return NameRules.IsValidDescription(text)
            ? text
            : throw SchemaErrors.Invalid("description", value, "The description must be printable characters.");
    }

    /// <summary>2.90–2.93: a 2–63 character hostname label; from 2.94 a name of 1–255 of <c>[a-zA-Z0-9-._]</c>.</summary>
    private static string Hostname(JsonElement value, ApiVersion version)
    {
        var text = String("hostname", value);
        var (pattern, min, max) = version.AtLeast(2, 94)
            ? (FqdnHostname(), 1, 255)
            : (LabelHostname(), 2, 63);
        if (text.Length < min)
        {
            throw SchemaErrors.Invalid("hostname", value, $"'{text}' is too short");
        }

        if (text.Length > max)
        {
            throw SchemaErrors.Invalid("hostname", value, $"'{text}' is too long");
        }

        return pattern.IsMatch(text)
            ? text
            : throw SchemaErrors.Invalid("hostname", value, $"'{text}' does not match '{pattern}'");
    }

    private static string? PinnedZone(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var text = String("pinned_availability_zone", value);
        if (text.Length == 0)
        {
            throw SchemaErrors.Invalid("pinned_availability_zone", value, "'' is too short");
        }

        return text.Length <= 255 ? text : throw SchemaErrors.Invalid("pinned_availability_zone", value, $"'{text}' is too long");
    }

    private static string String(string field, JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw SchemaErrors.WrongType(field, value, "string");

    [GeneratedRegex("^[a-zA-Z0-9]+[a-zA-Z0-9-]*[a-zA-Z0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex LabelHostname();

    [GeneratedRegex("^[a-zA-Z0-9-._]*$", RegexOptions.CultureInvariant)]
    private static partial Regex FqdnHostname();
}

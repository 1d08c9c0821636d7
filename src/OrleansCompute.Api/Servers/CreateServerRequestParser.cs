using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using OrleansCompute.Api.Microversions;
using OrleansCompute.Api.Validation;
using OrleansCompute.Faults;
using OrleansCompute.Servers;

namespace OrleansCompute.Api.Servers;

/// <summary>
/// Validates a <c>POST /servers</c> body as Nova's request schema for the negotiated microversion does:
/// strict envelopes (an unknown key is 400), the type and format of every field, and the version gates.
/// </summary>
internal static partial class CreateServerRequestParser
{
    private static readonly HashSet<string> EnvelopeKeys = new(StringComparer.Ordinal) { "server", "os:scheduler_hints", "OS-SCH-HNT:scheduler_hints" };

    public static CreateServerRequest Parse(JsonElement body, ApiVersion version)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw SchemaErrors.WrongType("body", body, "object");
        }

        foreach (var property in body.EnumerateObject())
        {
            if (!EnvelopeKeys.Contains(property.Name))
            {
                throw SchemaErrors.Additional(property.Name);
            }
        }

        if (!body.TryGetProperty("server", out var server))
        {
            throw SchemaErrors.Required("server");
        }

        if (server.ValueKind != JsonValueKind.Object)
        {
            throw SchemaErrors.WrongType("server", server, "object");
        }

        foreach (var property in server.EnumerateObject())
        {
            if (!IsKnownServerKey(property.Name, version))
            {
                throw SchemaErrors.Additional(property.Name);
            }
        }

        var name = RequiredName(server);
        var flavorRef = FlavorRef(server);
        var (networks, auto, getMeANetwork) = Networks(server, version);
        var (minCount, maxCount) = Counts(server);
        var description = Description(server, version, out var descriptionGiven);
        var (zone, forcedHost, forcedNode) = AvailabilityZone(server);
        var hostname = CreateServerFields.Hostname(server, version);
        if (hostname is not null && maxCount > 1)
        {
            throw ComputeFaultException.BadRequest("Unable to allocate a single hostname to multiple instances");
        }

        return new CreateServerRequest
        {
            Name = name,
            FlavorRef = flavorRef,
            ImageRef = ImageRef(server),
            AdminPass = OptionalString(server, "adminPass"),
            Metadata = Metadata(server),
            Networks = networks,
            AutoAllocateNetwork = auto,
            GetMeANetwork = getMeANetwork,
            AccessIPv4 = IpAddress(server, "accessIPv4", AddressFamily.InterNetwork),
            AccessIPv6 = IpAddress(server, "accessIPv6", AddressFamily.InterNetworkV6),
            DiskConfig = DiskConfig(server),
            AvailabilityZone = zone,
            ForcedHost = forcedHost,
            ForcedNode = forcedNode,
            ConfigDrive = OptionalBoolean(server, "config_drive") ?? false,
            KeyName = KeyName(server),
            SecurityGroups = SecurityGroups(server),
            UserData = UserData(server),
            Description = description,
            DescriptionGiven = descriptionGiven,
            MinCount = minCount,
            MaxCount = maxCount,
            ReturnReservationId = OptionalBoolean(server, "return_reservation_id") ?? false,
            SchedulerHints = SchedulerHints(body),
            BlockDevices = BlockDeviceMappingParser.Parse(server, version),
            Personality = version.AtLeast(2, 57) ? [] : CreateServerFields.Personality(server),
            Tags = version.AtLeast(2, 52) ? CreateServerFields.Tags(server) : [],
            TrustedImageCertificates = version.AtLeast(2, 63) ? CreateServerFields.TrustedCertificates(server) : null,
            Hostname = hostname,
            Host = version.AtLeast(2, 74) ? CreateServerFields.HostName(server, "host") : null,
            HypervisorHostname = version.AtLeast(2, 74) ? CreateServerFields.HostName(server, "hypervisor_hostname") : null,
        };
    }

    private static bool IsKnownServerKey(string key, ApiVersion version) => key switch
    {
        "name" or "imageRef" or "flavorRef" or "adminPass" or "metadata" or "networks" or "OS-DCF:diskConfig"
            or "accessIPv4" or "accessIPv6" or "availability_zone" or "block_device_mapping" or "block_device_mapping_v2"
            or "config_drive" or "key_name" or "min_count" or "max_count" or "return_reservation_id"
            or "security_groups" or "user_data" => true,
        "personality" => !version.AtLeast(2, 57),
        "description" => version.AtLeast(2, 19),
        "tags" => version.AtLeast(2, 52),
        "trusted_image_certificates" => version.AtLeast(2, 63),
        "host" or "hypervisor_hostname" => version.AtLeast(2, 74),
        "hostname" => version.AtLeast(2, 90),
        _ => false,
    };

    private static string RequiredName(JsonElement server)
    {
        if (!server.TryGetProperty("name", out var name))
        {
            throw SchemaErrors.Required("name");
        }

        return Name("name", name);
    }

    private static string Name(string field, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            throw SchemaErrors.WrongType(field, value, "string");
        }

        var text = value.GetString()!;
        if (text.Length == 0)
        {
            throw SchemaErrors.Invalid(field, value, "'' is too short");
        }

        if (text.Length > 255)
        {
            throw SchemaErrors.Invalid(field, value, $"'{text}' is too long");
        }

        if (!NameRules.IsValidName(text))
        {
            throw ComputeFaultException.BadRequest($"Invalid input for field/attribute {field}. Value: {text}. {NameRules.InvalidNameMessage}");
        }

        return text;
    }

    private static string FlavorRef(JsonElement server)
    {
        if (!server.TryGetProperty("flavorRef", out var flavor))
        {
            throw SchemaErrors.Required("flavorRef");
        }

        var text = flavor.ValueKind switch
        {
            JsonValueKind.String => flavor.GetString()!,
            JsonValueKind.Number when flavor.TryGetInt64(out var number) => number.ToString(CultureInfo.InvariantCulture),
            _ => throw SchemaErrors.Invalid("flavorRef", flavor, $"{SchemaErrors.Quoted(flavor)} is not of type 'string', 'integer'"),
        };
        if (text.Length == 0)
        {
            throw SchemaErrors.Invalid("flavorRef", flavor, "'' is too short");
        }

        // A flavorRef may be a URL: the last path segment is the id.
        return text.TrimEnd('/').Split('/')[^1];
    }

    private static string? ImageRef(JsonElement server)
    {
        if (!server.TryGetProperty("imageRef", out var image))
        {
            return null;
        }

        if (image.ValueKind != JsonValueKind.String)
        {
            throw SchemaErrors.WrongType("imageRef", image, "string");
        }

        var text = image.GetString()!;
        if (text.Length == 0)
        {
            return "";
        }

        // Like flavorRef, an image href's last segment is the id.
        var id = text.TrimEnd('/').Split('/')[^1];
        if (!Guid.TryParse(id, out _))
        {
            throw SchemaErrors.Invalid("imageRef", image, $"'{text}' is not a 'uuid'");
        }

        return id;
    }

    private static IReadOnlyDictionary<string, string> Metadata(JsonElement server)
    {
        if (!server.TryGetProperty("metadata", out var metadata))
        {
            return new Dictionary<string, string>();
        }

        return MetadataRules.Parse("metadata", metadata);
    }

    /// <summary>
    /// Nova's <c>networks</c> by microversion. Below 2.37 a list or nothing; from 2.37 required, a list or the string
    /// <c>auto</c> / <c>none</c> (anything else fails the schema's oneOf). Nothing or an empty list (any version)
    /// asks for the project's one available network, booting without any when there is none; <c>auto</c> asks for it
    /// too, but no network is then a 400 (Nova's get-me-a-network with nothing to allocate); <c>none</c>: no network.
    /// </summary>
    private static (IReadOnlyList<NetworkRequest> Networks, bool Auto, bool GetMeANetwork) Networks(JsonElement server, ApiVersion version)
    {
        if (!server.TryGetProperty("networks", out var networks))
        {
            if (version.AtLeast(2, 37))
            {
                throw SchemaErrors.Required("networks");
            }

            return ([], true, false);
        }

        if (version.AtLeast(2, 37) && networks.ValueKind != JsonValueKind.Array)
        {
            return (networks.ValueKind == JsonValueKind.String ? networks.GetString() : null) switch
            {
                "auto" => ([], true, true),
                "none" => ([], false, false),
                _ => throw SchemaErrors.Invalid("networks", networks, $"{SchemaErrors.Quoted(networks)} is not valid under any of the given schemas"),
            };
        }

        if (networks.ValueKind != JsonValueKind.Array)
        {
            throw SchemaErrors.WrongType("networks", networks, "array");
        }

        var requests = new List<NetworkRequest>();
        var ports = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in networks.EnumerateArray())
        {
            requests.Add(NetworkEntry(item, version, ports));
        }

        // An empty list is Nova's "nothing requested": the one available network, if any (nova/network/neutron.py).
        return (requests, requests.Count == 0, false);
    }

    private static NetworkRequest NetworkEntry(JsonElement item, ApiVersion version, HashSet<string> ports)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw SchemaErrors.WrongType("networks", item, "object");
        }

        var tagAllowed = version == new ApiVersion(2, 32) || (version.AtLeast(2, 32) && !version.AtLeast(2, 37)) || version.AtLeast(2, 42);
        foreach (var property in item.EnumerateObject())
        {
            if (property.Name is not ("uuid" or "port" or "fixed_ip") && !(property.Name == "tag" && tagAllowed))
            {
                throw SchemaErrors.Additional(property.Name);
            }
        }

        string? uuid = null, port = null, fixedIp = null, tag = null;
        if (item.TryGetProperty("uuid", out var uuidValue))
        {
            uuid = uuidValue.ValueKind == JsonValueKind.String ? uuidValue.GetString() : throw SchemaErrors.WrongType("networks/uuid", uuidValue, "string");
            if (!Guid.TryParse(uuid, out _))
            {
                throw ComputeFaultException.BadRequest($"Bad networks format: network uuid is not in proper format ({uuid})");
            }
        }

        if (item.TryGetProperty("port", out var portValue) && portValue.ValueKind != JsonValueKind.Null)
        {
            port = portValue.ValueKind == JsonValueKind.String && Guid.TryParse(portValue.GetString(), out _)
                ? portValue.GetString()
                : throw SchemaErrors.Invalid("networks/port", portValue, $"{SchemaErrors.Quoted(portValue)} is not a 'uuid'");
            if (!ports.Add(port!))
            {
                throw ComputeFaultException.BadRequest($"Port {port} is specified more than once.");
            }
        }

        if (item.TryGetProperty("fixed_ip", out var fixedValue))
        {
            fixedIp = fixedValue.ValueKind == JsonValueKind.String && IsIpAddress(fixedValue.GetString()!)
                ? fixedValue.GetString()
                : throw SchemaErrors.Invalid("networks/fixed_ip", fixedValue, $"{SchemaErrors.Quoted(fixedValue)} is not a 'ip-address'");
        }

        if (item.TryGetProperty("tag", out var tagValue))
        {
            tag = tagValue.ValueKind == JsonValueKind.String ? tagValue.GetString() : throw SchemaErrors.WrongType("networks/tag", tagValue, "string");
        }

        if (port is not null && fixedIp is not null)
        {
            throw ComputeFaultException.BadRequest("Bad network format: both port and fixed_ip were given; a port already has its fixed IP.");
        }

        if (port is null && uuid is null)
        {
            throw ComputeFaultException.BadRequest("Bad network format: missing 'uuid'");
        }

        return new NetworkRequest { NetworkId = uuid, PortId = port, FixedIp = fixedIp, Tag = tag };
    }

    private static string IpAddress(JsonElement server, string field, AddressFamily family) =>
        server.TryGetProperty(field, out var value) ? AccessAddress.Parse(field, value, family) : "";

    private static string? DiskConfig(JsonElement server)
    {
        if (!server.TryGetProperty("OS-DCF:diskConfig", out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String && value.GetString() is "AUTO" or "MANUAL"
            ? value.GetString()
            : throw SchemaErrors.Invalid("OS-DCF:diskConfig", value, $"{SchemaErrors.Quoted(value)} is not one of ['AUTO', 'MANUAL']");
    }

    /// <summary>The zone, and the host and node of the admin-only <c>az:host</c>, <c>az:host:node</c>, <c>az::node</c> forms.</summary>
    private static (string? Zone, string? Host, string? Node) AvailabilityZone(JsonElement server)
    {
        if (!server.TryGetProperty("availability_zone", out var value))
        {
            return (null, null, null);
        }

        var text = Name("availability_zone", value);
        var parts = text.Split(':');
        if (parts.Length > 3)
        {
            throw ComputeFaultException.BadRequest($"Unable to parse availability_zone: {text}");
        }

        var zone = parts[0].Length == 0 ? null : parts[0];
        var host = parts.Length > 1 && parts[1].Length > 0 ? parts[1] : null;
        var node = parts.Length > 2 && parts[2].Length > 0 ? parts[2] : null;
        return (zone, host, node);
    }

    private static string? KeyName(JsonElement server) =>
        server.TryGetProperty("key_name", out var value) ? Name("key_name", value) : null;

    private static IReadOnlyList<string> SecurityGroups(JsonElement server)
    {
        if (!server.TryGetProperty("security_groups", out var groups))
        {
            return ["default"];
        }

        if (groups.ValueKind != JsonValueKind.Array)
        {
            throw SchemaErrors.WrongType("security_groups", groups, "array");
        }

        var names = new List<string>();
        foreach (var group in groups.EnumerateArray())
        {
            if (group.ValueKind != JsonValueKind.Object)
            {
                throw SchemaErrors.WrongType("security_groups", group, "object");
            }

            foreach (var property in group.EnumerateObject())
            {
                if (property.Name != "name")
                {
                    throw SchemaErrors.Additional(property.Name);
                }
            }

            names.Add(group.TryGetProperty("name", out var name) ? Name("security_groups/name", name) : "default");
        }

        return names;
    }

    private static string? UserData(JsonElement server)
    {
        if (!server.TryGetProperty("user_data", out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw SchemaErrors.WrongType("user_data", value, "string");
        }

        var text = value.GetString()!;
        if (text.Length > 65535)
        {
            throw SchemaErrors.Invalid("user_data", value, "is too long");
        }

        Span<byte> scratch = new byte[text.Length];
        if (!Convert.TryFromBase64String(text, scratch, out _))
        {
            throw ComputeFaultException.BadRequest("User data needs to be valid base 64.");
        }

        return text;
    }

    private static string? Description(JsonElement server, ApiVersion version, out bool given)
    {
        // From 2.19 the description is the caller's to give: absent means none (null), never the name.
        given = version.AtLeast(2, 19);
        if (!given || !server.TryGetProperty("description", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw SchemaErrors.WrongType("description", value, "string");
        }

        var text = value.GetString()!;
        if (text.Length > 255 || !NameRules.IsValidDescription(text))
        {
            throw SchemaErrors.Invalid("description", value, text.Length > 255 ? $"'{text}' is too long" : "The description must be printable characters.");
        }

        return text;
    }

    private static (int Min, int Max) Counts(JsonElement server)
    {
        var min = Count(server, "min_count");
        var max = Count(server, "max_count");
        var minValue = min ?? 1;
        var maxValue = max ?? minValue;
        if (minValue > maxValue)
        {
            throw ComputeFaultException.BadRequest("min_count must be <= max_count");
        }

        return (minValue, maxValue);
    }

    private static int? Count(JsonElement server, string field)
    {
        if (!server.TryGetProperty(field, out var value))
        {
            return null;
        }

        int count;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out count))
        {
        }
        else if (value.ValueKind == JsonValueKind.String && DigitsOnly().IsMatch(value.GetString()!) && int.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out count))
        {
        }
        else
        {
            throw SchemaErrors.Invalid(field, value, $"{SchemaErrors.Quoted(value)} is not of type 'integer', 'string'");
        }

        if (count < 1)
        {
            throw SchemaErrors.Invalid(field, value, $"{count} is less than the minimum of 1");
        }

        return count;
    }

    private static string? OptionalString(JsonElement server, string field)
    {
        if (!server.TryGetProperty(field, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw SchemaErrors.WrongType(field, value, "string");
    }

    private static bool? OptionalBoolean(JsonElement server, string field)
    {
        if (!server.TryGetProperty(field, out var value))
        {
            return null;
        }

        return BooleanText.Parse(value) ?? throw SchemaErrors.Invalid(field, value, $"{SchemaErrors.Quoted(value)} is not of type 'boolean', 'string'");
    }

    private static IReadOnlyDictionary<string, IReadOnlyList<string>> SchedulerHints(JsonElement body)
    {
        if (!body.TryGetProperty("os:scheduler_hints", out var hints) && !body.TryGetProperty("OS-SCH-HNT:scheduler_hints", out hints))
        {
            return new Dictionary<string, IReadOnlyList<string>>();
        }

        if (hints.ValueKind != JsonValueKind.Object)
        {
            throw SchemaErrors.WrongType("os:scheduler_hints", hints, "object");
        }

        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var hint in hints.EnumerateObject())
        {
            SchedulerHintRules.Check(hint.Name, hint.Value);
            // Nova normalises every hint to a list of values (2.100 shows them that way).
            result[hint.Name] = hint.Value.ValueKind == JsonValueKind.Object
                ? [hint.Value.GetRawText()]
                : hint.Value.ValueKind == JsonValueKind.Array
                ? hint.Value.EnumerateArray().Select(SchemaErrors.Render).ToArray()
                : [SchemaErrors.Render(hint.Value)];
        }

        return result;
    }

    /// <summary>The schema's ip-address format: a dotted quad or an IPv6 address (.NET alone also takes "10.0.0").</summary>
    internal static bool IsIpAddress(string text) =>
        IPAddress.TryParse(text, out var address)
        && (address.AddressFamily == AddressFamily.InterNetworkV6 ? text.Contains(':', StringComparison.Ordinal) : text.Count(c => c == '.') == 3);

    [GeneratedRegex("^[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex DigitsOnly();
}

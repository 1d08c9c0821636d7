using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using OrleansCompute.Api.Microversions;
using OrleansCompute.Api.Validation;
using OrleansCompute.Faults;
using OrleansCompute.Identity;
using OrleansCompute.Servers.Actions;
using static OrleansCompute.Api.Servers.Actions.ActionBodyRules;

namespace OrleansCompute.Api.Servers.Actions;

/// <summary>
/// Parses <c>POST /servers/{id}/action</c> bodies as Nova's schemas do for the request's microversion: exactly
/// one key (else 400 "Malformed request body"), a known action (else 400 "There is no such action"), actions
/// missing at the version are 404, and each action's own schema (the parser its
/// <see cref="ServerActionDescriptors"/> row names). Values Nova does not validate (<c>&lt;any&gt;</c>)
/// are ignored.
/// </summary>
internal static class ServerActionParser
{
    private static readonly string[] RebootTypes = ["HARD", "Hard", "hard", "SOFT", "Soft", "soft"];

    public static ParsedServerAction Parse(JsonElement body, ApiVersion version, CallerContext caller)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw ComputeFaultException.BadRequest("Malformed request body");
        }

        var properties = body.EnumerateObject().ToList();
        if (properties.Count != 1)
        {
            throw ComputeFaultException.BadRequest("Malformed request body");
        }

        var name = properties[0].Name;
        var value = properties[0].Value;
        if (name is "addFixedIp" or "removeFixedIp" or "addFloatingIp" or "removeFloatingIp" && version.AtLeast(2, 44))
        {
            throw ComputeFaultException.NotFound("The resource could not be found.");
        }

        var descriptor = ServerActionDescriptors.Find(name) ?? throw NoSuchAction(name);
        return descriptor.Parse(new ActionBody(name, value, version, caller));
    }

    /// <summary>A body key Nova does not know (or no longer carries out as an action).</summary>
    internal static ComputeFaultException NoSuchAction(string name) => ComputeFaultException.BadRequest($"There is no such action: {name}");

    /// <summary>The actions whose body Nova ignores: only the action's name matters.</summary>
    internal static ParsedServerAction Simple(ActionBody body, ServerActionKind kind) =>
        new(body.Name, new ServerActionCommand { Caller = body.Caller, Action = kind });

    internal static ParsedServerAction Reboot(JsonElement value, CallerContext caller)
    {
        var body = Object("reboot", value, nullAllowed: false, "type")!.Value;
        var type = Required(body, "type");
        if (type.ValueKind != JsonValueKind.String || !RebootTypes.Contains(type.GetString(), StringComparer.Ordinal))
        {
            throw SchemaErrors.Invalid("type", type, $"{SchemaErrors.Quoted(type)} is not one of ['HARD', 'Hard', 'hard', 'SOFT', 'Soft', 'soft']");
        }

        var hard = type.GetString()!.Equals("HARD", StringComparison.OrdinalIgnoreCase);
        return new("reboot", new ServerActionCommand { Caller = caller, Action = hard ? ServerActionKind.RebootHard : ServerActionKind.Reboot });
    }

    internal static ParsedServerAction Unshelve(JsonElement value, ApiVersion version, CallerContext caller)
    {
        var command = new ServerActionCommand { Caller = caller, Action = ServerActionKind.Unshelve };
        if (!version.AtLeast(2, 77))
        {
            return new("unshelve", command);
        }

        if (!version.AtLeast(2, 91))
        {
            if (Object("unshelve", value, nullAllowed: true, "availability_zone") is not { } body)
            {
                return new("unshelve", command);
            }

            var zone = String("availability_zone", Required(body, "availability_zone"));
            return new("unshelve", command with { AvailabilityZone = zone });
        }

        if (Object("unshelve", value, nullAllowed: true, "availability_zone", "host") is not { } request)
        {
            return new("unshelve", command);
        }

        if (!request.EnumerateObject().Any())
        {
            throw ComputeFaultException.BadRequest("Invalid input for field/attribute unshelve. Value: {}. {} does not have enough properties");
        }

        if (request.TryGetProperty("availability_zone", out var az))
        {
            command = az.ValueKind == JsonValueKind.Null
                ? command with { UnpinAvailabilityZone = true }
                : command with { AvailabilityZone = String("availability_zone", az) };
        }

        if (request.TryGetProperty("host", out var host))
        {
            // The unshelve_to_host rule is checked by the route after the server lookup, as Nova does.
            command = command with { Host = String("host", host, 1, 255) };
        }

        return new("unshelve", command);
    }

    internal static ParsedServerAction Rescue(JsonElement value, ApiVersion version, CallerContext caller)
    {
        var command = new ServerActionCommand { Caller = caller, Action = ServerActionKind.Rescue, AllowVolumeBackedRescue = version.AtLeast(2, 87) };
        if (Object("rescue", value, nullAllowed: true, "adminPass", "rescue_image_ref") is not { } body)
        {
            return new("rescue", command);
        }

        var adminPass = body.TryGetProperty("adminPass", out var pass) ? String("adminPass", pass) : null;
        var image = body.TryGetProperty("rescue_image_ref", out var imageRef) ? ImageRef("rescue_image_ref", imageRef) : null;
        return new("rescue", command with { RescueImageRef = image }) { AdminPass = adminPass };
    }

    internal static ParsedServerAction Rebuild(JsonElement value, ApiVersion version, CallerContext caller)
    {
        var allowed = new List<string> { "imageRef", "name", "adminPass", "metadata", "preserve_ephemeral", "OS-DCF:diskConfig", "accessIPv4", "accessIPv6" };
        if (!version.AtLeast(2, 57))
        {
            allowed.Add("personality");
        }
        else
        {
            allowed.Add("user_data");
        }

        if (version.AtLeast(2, 19))
        {
            allowed.Add("description");
        }

        if (version.AtLeast(2, 54))
        {
            allowed.Add("key_name");
        }

        if (version.AtLeast(2, 63))
        {
            allowed.Add("trusted_image_certificates");
        }

        if (version.AtLeast(2, 90))
        {
            allowed.Add("hostname");
        }

        var body = Object("rebuild", value, nullAllowed: false, [.. allowed])!.Value;
        var spec = new RebuildSpec { ImageRef = ImageRef("imageRef", Required(body, "imageRef")), ReimageBootVolume = version.AtLeast(2, 93) };
        string? adminPass = null;
        foreach (var property in body.EnumerateObject())
        {
            var v = property.Value;
            spec = property.Name switch
            {
                "name" => spec with { Name = Name("name", v) },
                "metadata" => spec with { Metadata = MetadataRules.Parse("metadata", v) },
                "preserve_ephemeral" => spec with { PreserveEphemeral = BooleanIsh("preserve_ephemeral", v) },
                "OS-DCF:diskConfig" => spec with { DiskConfig = DiskConfig(v) },
                "accessIPv4" => spec with { AccessIPv4 = Address("accessIPv4", v, AddressFamily.InterNetwork) },
                "accessIPv6" => spec with { AccessIPv6 = Address("accessIPv6", v, AddressFamily.InterNetworkV6) },
                "description" => spec with { DescriptionGiven = true, Description = Description(v) },
                "key_name" => spec with { KeyNameGiven = true, KeyName = NullableString("key_name", v, 255) },
                "user_data" => spec with { UserDataGiven = true, UserData = UserData(v) },
                "trusted_image_certificates" => spec with { TrustedCertificatesGiven = true, TrustedImageCertificates = Certificates(v) },
                "hostname" => spec with { Hostname = String("hostname", v, 1, 255) },
                "personality" => v.ValueKind == JsonValueKind.Array ? spec : throw SchemaErrors.WrongType("personality", v, "array"),
                _ => spec,
            };
            if (property.Name == "adminPass")
            {
                adminPass = String("adminPass", v);
            }
        }

        return new("rebuild", new ServerActionCommand { Caller = caller, Action = ServerActionKind.Rebuild, Rebuild = spec }) { AdminPass = adminPass };
    }

    internal static ParsedServerAction Resize(JsonElement value, CallerContext caller)
    {
        var body = Object("resize", value, nullAllowed: false, "flavorRef", "OS-DCF:diskConfig")!.Value;
        var flavor = Required(body, "flavorRef");
        var flavorRef = flavor.ValueKind switch
        {
            JsonValueKind.String when flavor.GetString()!.Length > 0 => flavor.GetString()!,
            JsonValueKind.Number when flavor.TryGetInt64(out var number) => number.ToString(System.Globalization.CultureInfo.InvariantCulture),
            JsonValueKind.String => throw SchemaErrors.Invalid("flavorRef", flavor, "'' is too short"),
            _ => throw SchemaErrors.Invalid("flavorRef", flavor, $"{SchemaErrors.Quoted(flavor)} is not of type 'string', 'integer'"),
        };
        var diskConfig = body.TryGetProperty("OS-DCF:diskConfig", out var disk) ? DiskConfig(disk) : null;
        return new("resize", new ServerActionCommand
        {
            Caller = caller,
            Action = ServerActionKind.Resize,
            FlavorRef = flavorRef.TrimEnd('/').Split('/')[^1],
            DiskConfig = diskConfig,
        });
    }

    internal static ParsedServerAction Migrate(JsonElement value, ApiVersion version, CallerContext caller)
    {
        var command = new ServerActionCommand { Caller = caller, Action = ServerActionKind.Migrate };
        if (!version.AtLeast(2, 56) || Object("migrate", value, nullAllowed: true, "host") is not { } body)
        {
            return new("migrate", command);
        }

        return body.TryGetProperty("host", out var host) && host.ValueKind != JsonValueKind.Null
            ? new("migrate", command with { Host = String("host", host, 1, 255) })
            : new("migrate", command);
    }

    internal static ParsedServerAction LiveMigrate(JsonElement value, ApiVersion version, CallerContext caller)
    {
        var keys = new List<string> { "host", "block_migration" };
        if (!version.AtLeast(2, 25))
        {
            keys.Add("disk_over_commit");
        }

        if (version.AtLeast(2, 30) && !version.AtLeast(2, 68))
        {
            keys.Add("force");
        }

        var body = Object("os-migrateLive", value, nullAllowed: false, [.. keys])!.Value;
        var host = Required(body, "host");
        var block = Required(body, "block_migration");
        if (!(version.AtLeast(2, 25) && block.ValueKind == JsonValueKind.String && block.GetString() == "auto"))
        {
            BooleanIsh("block_migration", block);
        }

        if (!version.AtLeast(2, 25))
        {
            BooleanIsh("disk_over_commit", Required(body, "disk_over_commit"));
        }

        if (body.TryGetProperty("force", out var force))
        {
            BooleanIsh("force", force);
        }

        var target = host.ValueKind == JsonValueKind.Null ? null : String("host", host, 1, 255);
        return new("os-migrateLive", new ServerActionCommand { Caller = caller, Action = ServerActionKind.LiveMigrate, Host = target });
    }

    internal static ParsedServerAction ChangePassword(JsonElement value, CallerContext caller)
    {
        var body = Object("changePassword", value, nullAllowed: false, "adminPass")!.Value;
        String("adminPass", Required(body, "adminPass"));
        return new("changePassword", new ServerActionCommand { Caller = caller, Action = ServerActionKind.ChangePassword });
    }

    internal static ParsedServerAction CreateImage(JsonElement value, CallerContext caller)
    {
        var body = Object("createImage", value, nullAllowed: false, "name", "metadata")!.Value;
        var imageName = Name("name", Required(body, "name"));
        var metadata = body.TryGetProperty("metadata", out var meta) ? MetadataRules.Parse("metadata", meta) : null;
        return new("createImage", new ServerActionCommand
        {
            Caller = caller,
            Action = ServerActionKind.CreateImage,
            ImageId = Guid.NewGuid().ToString(),
            ImageName = imageName,
            ImageMetadata = metadata,
        });
    }

    internal static ParsedServerAction CreateBackup(JsonElement value, CallerContext caller)
    {
        var body = Object("createBackup", value, nullAllowed: false, "name", "backup_type", "rotation", "metadata")!.Value;
        var imageName = Name("name", Required(body, "name"));
        var backupType = String("backup_type", Required(body, "backup_type"));
        var rotation = Integer("rotation", Required(body, "rotation"), 0);
        var metadata = body.TryGetProperty("metadata", out var meta) ? MetadataRules.Parse("metadata", meta) : new Dictionary<string, string>();
        metadata["backup_type"] = backupType;
        return new("createBackup", new ServerActionCommand
        {
            Caller = caller,
            Action = ServerActionKind.CreateBackup,
            ImageId = Guid.NewGuid().ToString(),
            ImageName = imageName,
            ImageMetadata = metadata,
        })
        { Rotation = rotation };
    }

    /// <summary>os-getVNCConsole, os-getSPICEConsole, os-getSerialConsole, os-getRDPConsole: 2.1 to 2.5, <c>{"type": ...}</c>.</summary>
    internal static ParsedServerAction LegacyConsole(ActionBody body, params string[] types)
    {
        if (body.Version.AtLeast(2, 6))
        {
            throw ComputeFaultException.NotFound("The resource could not be found.");
        }

        var request = Object(body.Name, body.Value, nullAllowed: false, "type")!.Value;
        var type = EnumRule.Check("type", Required(request, "type"), types);
        return new(body.Name, null) { ConsoleType = type };
    }

    internal static ParsedServerAction TriggerCrashDump(JsonElement value, ApiVersion version, CallerContext caller)
    {
        if (!version.AtLeast(2, 17))
        {
            throw ComputeFaultException.NotFound("The resource could not be found.");
        }

        if (value.ValueKind != JsonValueKind.Null)
        {
            throw SchemaErrors.Invalid("trigger_crash_dump", value, $"{SchemaErrors.Quoted(value)} is not of type 'null'");
        }

        return new("trigger_crash_dump", new ServerActionCommand { Caller = caller, Action = ServerActionKind.TriggerCrashDump });
    }

    internal static ParsedServerAction Lock(JsonElement value, ApiVersion version, CallerContext caller)
    {
        var command = new ServerActionCommand { Caller = caller, Action = ServerActionKind.Lock };
        if (!version.AtLeast(2, 73) || Object("lock", value, nullAllowed: true, "locked_reason") is not { } body)
        {
            return new("lock", command);
        }

        return body.TryGetProperty("locked_reason", out var reason)
            ? new("lock", command with { LockedReason = String("locked_reason", reason, 1, 255) })
            : new("lock", command);
    }

    internal static ParsedServerAction ResetState(JsonElement value, CallerContext caller)
    {
        var body = Object("os-resetState", value, nullAllowed: false, "state")!.Value;
        var stateValue = Required(body, "state");
        if (stateValue.ValueKind != JsonValueKind.String || stateValue.GetString() is not ("active" or "error"))
        {
            throw SchemaErrors.Invalid("state", stateValue, $"{SchemaErrors.Quoted(stateValue)} is not one of ['active', 'error']");
        }

        return new("os-resetState", new ServerActionCommand { Caller = caller, Action = ServerActionKind.ResetState, State = stateValue.GetString() });
    }

    internal static ParsedServerAction ConsoleOutput(JsonElement value)
    {
        var body = Object("os-getConsoleOutput", value, nullAllowed: false, "length")!.Value;
        int? length = null;
        if (body.TryGetProperty("length", out var lengthValue) && lengthValue.ValueKind != JsonValueKind.Null)
        {
            var lines = Integer("length", lengthValue, -1);
            // -1 is Nova's "the whole log".
            length = lines == -1 ? null : lines;
        }

        return new("os-getConsoleOutput", null) { ConsoleLength = length };
    }

    internal static ParsedServerAction SecurityGroup(JsonElement value, CallerContext caller, ServerActionKind kind, string action)
    {
        var body = Object(action, value, nullAllowed: false, "name")!.Value;
        var group = String("name", Required(body, "name"), 1, 255);
        return new(action, new ServerActionCommand { Caller = caller, Action = kind, SecurityGroup = group });
    }

    private static string Address(string field, JsonElement value, AddressFamily family) => AccessAddress.Parse(field, value, family);

    private static string? Description(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var text = String("description", value, 0, 255);
        return NameRules.IsValidDescription(text)
            ? text
            : throw SchemaErrors.Invalid("description", value, "The description must be printable characters.");
    }

    private static string? UserData(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var text = String("user_data", value, 0, 65535);
        var scratch = new byte[text.Length];
        return Convert.TryFromBase64String(text, scratch, out _) ? text : throw ComputeFaultException.BadRequest("User data needs to be valid base 64.");
    }

    private static List<string>? Certificates(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw SchemaErrors.WrongType("trusted_image_certificates", value, "array");
        }

        return [.. value.EnumerateArray().Select(c => String("trusted_image_certificates", c, 1, 255))];
    }
}

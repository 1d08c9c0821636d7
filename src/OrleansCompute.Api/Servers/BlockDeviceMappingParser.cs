using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using OrleansCompute.Api.Microversions;
using OrleansCompute.Api.Validation;
using OrleansCompute.Faults;

namespace OrleansCompute.Api.Servers;

/// <summary>
/// The schema of <c>block_device_mapping_v2</c> and of the legacy <c>block_device_mapping</c>, per microversion
/// (<c>tag</c> at 2.32 and from 2.42, <c>volume_type</c> from 2.67), plus Nova's syntax rules that need no
/// flavor: a uuid for every source but blank, volume_type combinations, the boot sequence.
/// </summary>
internal static partial class BlockDeviceMappingParser
{
    private static readonly HashSet<string> LegacyKeys = new(StringComparer.Ordinal)
    {
        "virtual_name", "volume_id", "snapshot_id", "volume_size", "device_name", "delete_on_termination", "no_device", "connection_info",
    };

    private static readonly HashSet<string> V2Keys = new(StringComparer.Ordinal)
    {
        "source_type", "destination_type", "uuid", "image_id", "guest_format", "device_type", "disk_bus", "boot_index",
    };

    public static IReadOnlyList<BlockDeviceRequest> Parse(JsonElement server, ApiVersion version)
    {
        var hasV2 = server.TryGetProperty("block_device_mapping_v2", out var v2);
        var hasLegacy = server.TryGetProperty("block_device_mapping", out var legacy);
        if (hasV2 && hasLegacy)
        {
            throw ComputeFaultException.BadRequest("Using different block_device_mapping syntaxes is not allowed.");
        }

        if (hasLegacy)
        {
            return Items(legacy, "block_device_mapping").Select(item => LegacyEntry(item)).ToList();
        }

        if (!hasV2)
        {
            return [];
        }

        var entries = Items(v2, "block_device_mapping_v2").Select(item => V2Entry(item, version)).ToList();
        CheckBootSequence(entries);
        return entries;
    }

    private static IEnumerable<JsonElement> Items(JsonElement list, string field)
    {
        if (list.ValueKind != JsonValueKind.Array)
        {
            throw SchemaErrors.WrongType(field, list, "array");
        }

        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw SchemaErrors.WrongType(field, item, "object");
            }

            yield return item;
        }
    }

    private static BlockDeviceRequest LegacyEntry(JsonElement item)
    {
        foreach (var property in item.EnumerateObject())
        {
            if (!LegacyKeys.Contains(property.Name))
            {
                throw SchemaErrors.Additional(property.Name);
            }
        }

        var volumeId = Uuid(item, "volume_id");
        var snapshotId = Uuid(item, "snapshot_id");
        CommonLegacyFields(item);
        return new BlockDeviceRequest
        {
            SourceType = snapshotId is not null ? "snapshot" : volumeId is not null ? "volume" : "blank",
            DestinationType = volumeId is not null || snapshotId is not null ? "volume" : "local",
            Uuid = snapshotId ?? volumeId,
            DeviceName = Text(item, "device_name", 255),
            VolumeSize = VolumeSize(item),
            DeleteOnTermination = Boolean(item, "delete_on_termination"),
            NoDevice = item.TryGetProperty("no_device", out _),
        };
    }

    private static BlockDeviceRequest V2Entry(JsonElement item, ApiVersion version)
    {
        var tagAllowed = version == new ApiVersion(2, 32) || version.AtLeast(2, 42);
        foreach (var property in item.EnumerateObject())
        {
            var known = LegacyKeys.Contains(property.Name) || V2Keys.Contains(property.Name)
                || (property.Name == "tag" && tagAllowed) || (property.Name == "volume_type" && version.AtLeast(2, 67));
            if (!known)
            {
                throw SchemaErrors.Additional(property.Name);
            }
        }

        CommonLegacyFields(item);
        Uuid(item, "volume_id");
        Uuid(item, "snapshot_id");
        Uuid(item, "image_id");
        var source = Enum(item, "source_type", ["volume", "image", "snapshot", "blank"]);
        var destination = Enum(item, "destination_type", ["local", "volume"]);
        var uuid = item.TryGetProperty("uuid", out var uuidValue) ? UuidText(uuidValue) : null;
        var entry = new BlockDeviceRequest
        {
            SourceType = source ?? "blank",
            DestinationType = destination,
            Uuid = uuid,
            BootIndex = BootIndex(item),
            VolumeSize = VolumeSize(item),
            GuestFormat = Text(item, "guest_format", 255),
            DeviceName = Text(item, "device_name", 255),
            DiskBus = Text(item, "disk_bus", 255),
            DeviceType = Text(item, "device_type", 255),
            VolumeType = NullableText(item, "volume_type", 255),
            DeleteOnTermination = Boolean(item, "delete_on_termination"),
            Tag = Text(item, "tag", 60),
            NoDevice = item.TryGetProperty("no_device", out _),
        };

        if (source is null)
        {
            throw Invalid("Missing source_type field.");
        }

        if (entry.SourceType != "blank" && entry.Uuid is null)
        {
            throw Invalid("Missing device UUID.");
        }

        if (entry.SourceType == "blank" && entry.Uuid is not null)
        {
            throw Invalid("Unrecognized legacy format.");
        }

        if (entry.VolumeType is not null && (entry.IsLocal || entry.SourceType == "volume"))
        {
            throw Invalid($"Specifying a volume_type with destination_type={entry.DestinationType ?? "local"} or source_type={entry.SourceType} is not supported.");
        }

        if (entry.SourceType is "image" or "blank" && entry.DestinationType == "volume" && entry.VolumeSize is null or 0)
        {
            throw ComputeFaultException.BadRequest("Images with destination_type 'volume' need to have a non-zero size specified");
        }

        if (entry.DiskBus is { } bus && !KnownBuses.Contains(bus))
        {
            throw Invalid($"Device bus {bus} is not supported.");
        }

        return entry;
    }

    private static readonly HashSet<string> KnownBuses = new(StringComparer.Ordinal) { "virtio", "scsi", "ide", "usb", "fdc", "sata", "xen", "uml", "lxc", "parallels" };

    /// <summary>Boot indexes, ignoring null and negative ones, must be exactly 0..n-1 with at least one.</summary>
    private static void CheckBootSequence(IReadOnlyList<BlockDeviceRequest> entries)
    {
        var indexes = entries.Select(e => e.BootIndex).OfType<int>().Where(i => i >= 0).Order().ToList();
        if (entries.Count > 0 && (indexes.Count == 0 || !indexes.SequenceEqual(Enumerable.Range(0, indexes.Count))))
        {
            throw Invalid("Boot sequence for the instance and image/block device mapping combination is not valid.");
        }
    }

    private static void CommonLegacyFields(JsonElement item)
    {
        Text(item, "virtual_name", 255);
        if (item.TryGetProperty("device_name", out var device) && (device.ValueKind != JsonValueKind.String || !DeviceName().IsMatch(device.GetString()!)))
        {
            throw SchemaErrors.Invalid("device_name", device, $"{SchemaErrors.Quoted(device)} does not match '^[a-zA-Z0-9._/-]*$'");
        }

        if (item.TryGetProperty("connection_info", out var info) && info.ValueKind != JsonValueKind.String)
        {
            throw SchemaErrors.WrongType("connection_info", info, "string");
        }
    }

    public static ComputeFaultException Invalid(string details) => ComputeFaultException.BadRequest($"Block Device Mapping is Invalid: {details}");

    private static string? Enum(JsonElement item, string field, string[] allowed)
    {
        if (!item.TryGetProperty(field, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String && allowed.Contains(value.GetString())
            ? value.GetString()
            : throw SchemaErrors.Invalid(field, value, $"{SchemaErrors.Quoted(value)} is not one of [{string.Join(", ", allowed.Select(a => $"'{a}'"))}]");
    }

    private static string UuidText(JsonElement value)
    {
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : throw SchemaErrors.WrongType("uuid", value, "string");
        if (text.Length is 0 or > 255 || !UuidFormat().IsMatch(text))
        {
            throw SchemaErrors.Invalid("uuid", value, $"'{text}' does not match '^[a-zA-Z0-9._-]*$'");
        }

        return text;
    }

    private static string? Uuid(JsonElement item, string field)
    {
        if (!item.TryGetProperty(field, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String && Guid.TryParse(value.GetString(), out _)
            ? value.GetString()
            : throw SchemaErrors.Invalid(field, value, $"{SchemaErrors.Quoted(value)} is not a 'uuid'");
    }

    private static int? BootIndex(JsonElement item)
    {
        if (!item.TryGetProperty("boot_index", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number))
        {
            return number;
        }

        if (value.ValueKind == JsonValueKind.String && SignedDigits().IsMatch(value.GetString()!)
            && int.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number))
        {
            return number;
        }

        throw SchemaErrors.Invalid("boot_index", value, $"{SchemaErrors.Quoted(value)} is not of type 'integer', 'string', 'null'");
    }

    private static int? VolumeSize(JsonElement item)
    {
        if (!item.TryGetProperty("volume_size", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        int size;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out size))
        {
        }
        else if (value.ValueKind == JsonValueKind.String && int.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out size))
        {
        }
        else
        {
            throw SchemaErrors.Invalid("volume_size", value, $"{SchemaErrors.Quoted(value)} is not of type 'integer', 'string'");
        }

        return size < 1 ? throw SchemaErrors.Invalid("volume_size", value, $"{size} is less than the minimum of 1") : size;
    }

    private static string? Text(JsonElement item, string field, int maxLength)
    {
        if (!item.TryGetProperty(field, out var value))
        {
            return null;
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : throw SchemaErrors.WrongType(field, value, "string");
        return text.Length > maxLength ? throw SchemaErrors.Invalid(field, value, $"'{text}' is too long") : text;
    }

    private static string? NullableText(JsonElement item, string field, int maxLength) =>
        item.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.Null ? null : Text(item, field, maxLength);

    private static bool Boolean(JsonElement item, string field) =>
        item.TryGetProperty(field, out var value)
        && (BooleanText.Parse(value) ?? throw SchemaErrors.Invalid(field, value, $"{SchemaErrors.Quoted(value)} is not of type 'boolean', 'string'"));

    [GeneratedRegex("^[a-zA-Z0-9._/-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex DeviceName();

    [GeneratedRegex("^[a-zA-Z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex UuidFormat();

    [GeneratedRegex("^-?[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex SignedDigits();
}

using System.Text.Json;
using OrleansCompute.Api.Microversions;
using OrleansCompute.Catalog;
using OrleansCompute.Identity;
using OrleansCompute.Scheduling;
using OrleansCompute.Servers;

namespace OrleansCompute.Api.Servers;

/// <summary>
/// Renders Nova's server views field by field for a microversion: exactly the fields of that version (clients
/// validate against per-version schemas), admin-only fields only for admins.
/// </summary>
internal sealed class ServerViewWriter(ComputeCatalog catalog)
{
    /// <summary>The index entry of <c>GET /servers</c>: id, name, links.</summary>
    public static void WriteSummary(Utf8JsonWriter writer, ServerSnapshot server, ComputeLinks links)
    {
        writer.WriteStartObject();
        writer.WriteString("id", server.Id);
        writer.WriteString("name", server.Name);
        WriteLinks(writer, links, "servers", server.Id.ToString());
        writer.WriteEndObject();
    }

    public void WriteFull(Utf8JsonWriter writer, ServerSnapshot server, ComputeRequest request, ServerViewKind kind)
    {
        var version = request.Version;
        var admin = request.Caller.IsAdmin;
        var links = request.Links;
        var status = server.Status;

        writer.WriteStartObject();
        writer.WriteString("id", server.Id);
        writer.WriteString("name", server.Name);
        writer.WriteString("status", status);
        writer.WriteString("tenant_id", server.ProjectId);
        writer.WriteString("user_id", server.UserId);
        WriteStringMap(writer, "metadata", server.Metadata);
        writer.WriteString("hostId", HostIdCalculator.Compute(server.ProjectId, server.Host));
        WriteImage(writer, server, links, version);
        WriteFlavor(writer, server.Flavor, links, version);
        writer.WriteString("created", NovaTime.Iso(server.CreatedAt));
        writer.WriteString("updated", NovaTime.Iso(server.UpdatedAt));
        WriteAddresses(writer, server);
        writer.WriteString("accessIPv4", server.AccessIPv4);
        writer.WriteString("accessIPv6", server.AccessIPv6);
        WriteLinks(writer, links, "servers", server.Id.ToString());
        writer.WriteString("OS-DCF:diskConfig", server.DiskConfig);
        if (status is ServerStatus.Active or ServerStatus.Build or ServerStatus.Rebuild or ServerStatus.Resize or ServerStatus.VerifyResize or ServerStatus.Migrating)
        {
            writer.WriteNumber("progress", server.Progress);
        }

        if (status is ServerStatus.Error or ServerStatus.Deleted && server.Fault is { } fault)
        {
            WriteFault(writer, fault, admin);
        }

        writer.WriteString("OS-EXT-AZ:availability_zone", server.AvailabilityZone);
        writer.WriteString("config_drive", server.ConfigDrive ? "True" : "");
        WriteNullableString(writer, "key_name", server.KeyName);
        if (server.SecurityGroups.Count > 0)
        {
            writer.WriteStartArray("security_groups");
            foreach (var group in server.SecurityGroups.Distinct(StringComparer.Ordinal))
            {
                writer.WriteStartObject();
                writer.WriteString("name", group);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        WriteNullableString(writer, "OS-EXT-STS:task_state", server.TaskState);
        writer.WriteString("OS-EXT-STS:vm_state", server.VmState);
        writer.WriteNumber("OS-EXT-STS:power_state", server.PowerState);
        WriteNullableString(writer, "OS-SRV-USG:launched_at", server.LaunchedAt is { } launched ? NovaTime.Usage(launched) : null);
        WriteNullableString(writer, "OS-SRV-USG:terminated_at", server.TerminatedAt is { } terminated ? NovaTime.Usage(terminated) : null);
        writer.WriteStartArray("os-extended-volumes:volumes_attached");
        writer.WriteEndArray();

        if (admin)
        {
            WriteNullableString(writer, "OS-EXT-SRV-ATTR:host", server.Host);
            WriteNullableString(writer, "OS-EXT-SRV-ATTR:hypervisor_hostname", server.Node);
            writer.WriteString("OS-EXT-SRV-ATTR:instance_name", server.InstanceName);
            if (version.AtLeast(2, 3))
            {
                var image = catalog.FindImage(server.ImageRef);
                writer.WriteString("OS-EXT-SRV-ATTR:hostname", server.Hostname);
                writer.WriteString("OS-EXT-SRV-ATTR:kernel_id", image?.Metadata.GetValueOrDefault("kernel_id") is { } kernel && kernel != "nokernel" ? kernel : "");
                writer.WriteNumber("OS-EXT-SRV-ATTR:launch_index", server.LaunchIndex);
                writer.WriteString("OS-EXT-SRV-ATTR:ramdisk_id", image?.Metadata.GetValueOrDefault("ramdisk_id") is { } ramdisk && ramdisk != "nokernel" ? ramdisk : "");
                writer.WriteString("OS-EXT-SRV-ATTR:reservation_id", server.ReservationId);
                writer.WriteString("OS-EXT-SRV-ATTR:root_device_name", "/dev/vda");
                WriteNullableString(writer, "OS-EXT-SRV-ATTR:user_data", server.UserData);
            }
        }
        else if (version.AtLeast(2, 90))
        {
            writer.WriteString("OS-EXT-SRV-ATTR:hostname", server.Hostname);
        }

        if (version.AtLeast(2, 9))
        {
            writer.WriteBoolean("locked", server.Locked);
        }

        if (version.AtLeast(2, 16) && admin)
        {
            writer.WriteString("host_status", string.IsNullOrEmpty(server.Host) ? "" : "UP");
        }

        if (version.AtLeast(2, 19))
        {
            WriteNullableString(writer, "description", server.Description);
        }

        if (version.AtLeast(2, 26))
        {
            WriteStrings(writer, "tags", server.Tags);
        }

        if (version.AtLeast(2, 63))
        {
            if (server.TrustedImageCertificates is { } certificates)
            {
                WriteStrings(writer, "trusted_image_certificates", certificates);
            }
            else
            {
                writer.WriteNull("trusted_image_certificates");
            }
        }

        if (version.AtLeast(2, 71) && kind == ServerViewKind.Show)
        {
            WriteStrings(writer, "server_groups", server.ServerGroups);
        }

        if (version.AtLeast(2, 73))
        {
            WriteNullableString(writer, "locked_reason", server.LockedReason);
        }

        if (version.AtLeast(2, 96))
        {
            WriteNullableString(writer, "pinned_availability_zone", server.PinnedAvailabilityZone);
        }

        if (version.AtLeast(2, 100))
        {
            writer.WriteStartObject("scheduler_hints");
            foreach (var (key, values) in server.SchedulerHints)
            {
                WriteStrings(writer, key, values);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private void WriteImage(Utf8JsonWriter writer, ServerSnapshot server, ComputeLinks links, ApiVersion version)
    {
        if (server.ImageRef.Length == 0)
        {
            writer.WriteString("image", "");
            return;
        }

        writer.WriteStartObject("image");
        writer.WriteString("id", server.ImageRef);
        writer.WriteStartArray("links");
        writer.WriteStartObject();
        writer.WriteString("rel", "bookmark");
        writer.WriteString("href", links.Bookmark("images", server.ImageRef));
        writer.WriteEndObject();
        writer.WriteEndArray();
        if (version.AtLeast(2, 98))
        {
            writer.WriteStartObject("properties");
            if (catalog.FindImage(server.ImageRef) is { } image)
            {
                foreach (var (key, value) in image.Metadata)
                {
                    writer.WriteString(key, value);
                }
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteFlavor(Utf8JsonWriter writer, FlavorSnapshot flavor, ComputeLinks links, ApiVersion version)
    {
        writer.WriteStartObject("flavor");
        if (version.AtLeast(2, 47))
        {
            writer.WriteNumber("vcpus", flavor.Vcpus);
            writer.WriteNumber("ram", flavor.RamMb);
            writer.WriteNumber("disk", flavor.DiskGb);
            writer.WriteNumber("ephemeral", flavor.EphemeralGb);
            writer.WriteNumber("swap", flavor.SwapMb);
            writer.WriteString("original_name", flavor.Name);
            WriteStringMap(writer, "extra_specs", flavor.ExtraSpecs);
        }
        else
        {
            writer.WriteString("id", flavor.Id);
            writer.WriteStartArray("links");
            writer.WriteStartObject();
            writer.WriteString("rel", "bookmark");
            writer.WriteString("href", links.Bookmark("flavors", flavor.Id));
            writer.WriteEndObject();
            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static void WriteAddresses(Utf8JsonWriter writer, ServerSnapshot server)
    {
        writer.WriteStartObject("addresses");
        if (server.VmState != VmState.Building)
        {
            foreach (var network in server.Addresses.GroupBy(a => a.NetworkLabel, StringComparer.Ordinal))
            {
                writer.WriteStartArray(network.Key);
                foreach (var address in network.OrderBy(a => a.Type == "fixed" ? 0 : 1))
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("version", address.IpVersion);
                    writer.WriteString("addr", address.Address);
                    writer.WriteString("OS-EXT-IPS:type", address.Type);
                    writer.WriteString("OS-EXT-IPS-MAC:mac_addr", address.MacAddress);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteFault(Utf8JsonWriter writer, ServerFault fault, bool admin)
    {
        writer.WriteStartObject("fault");
        writer.WriteNumber("code", fault.Code);
        writer.WriteString("created", NovaTime.Iso(fault.Created));
        writer.WriteString("message", fault.Message);
        if (fault.Details is not null && (admin || fault.Code != 500))
        {
            writer.WriteString("details", fault.Details);
        }

        writer.WriteEndObject();
    }

    public static void WriteLinks(Utf8JsonWriter writer, ComputeLinks links, string collection, string id)
    {
        writer.WriteStartArray("links");
        writer.WriteStartObject();
        writer.WriteString("rel", "self");
        writer.WriteString("href", links.Self(collection, id));
        writer.WriteEndObject();
        writer.WriteStartObject();
        writer.WriteString("rel", "bookmark");
        writer.WriteString("href", links.Bookmark(collection, id));
        writer.WriteEndObject();
        writer.WriteEndArray();
    }

    private static void WriteStringMap(Utf8JsonWriter writer, string name, IReadOnlyDictionary<string, string> map)
    {
        writer.WriteStartObject(name);
        foreach (var (key, value) in map)
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static void WriteNullableString(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }
}

using System.Text.Json;
using OrleansCompute.Api.Microversions;
using OrleansCompute.Api.Servers.Listing;
using OrleansCompute.Catalog;
using OrleansCompute.Identity;
using OrleansCompute.Images;
using OrleansCompute.Scheduling;
using OrleansCompute.Servers;

namespace OrleansCompute.Api.Servers;

/// <summary>
/// Renders Nova's server views field by field for a microversion: exactly the fields of that version (clients
/// validate against per-version schemas), admin-only fields only for admins.
/// </summary>
internal sealed class ServerViewWriter(ImageLookup images)
{
    /// <summary>
    /// Image metadata Nova keeps as the instance's own attributes, not among the image properties 2.98 shows (its
    /// sample of the image with architecture, auto_disk_config, kernel_id and ramdisk_id shows the first two).
    /// </summary>
    private static readonly HashSet<string> NotImageProperties = new(StringComparer.Ordinal) { "kernel_id", "ramdisk_id" };

    /// <summary>
    /// Finds the snapshot images the full views of <paramref name="servers"/> will read (kernel_id and ramdisk_id for
    /// those who see extended attributes, the image properties from 2.98): views are written synchronously, so the
    /// lookup happens before. Configured images and cached ones cost nothing; other requests make no call at all.
    /// </summary>
    public Task PrepareAsync(IEnumerable<ServerSnapshot> servers, ComputeRequest request)
    {
        var version = request.Version;
        return images.PreloadAsync(servers
            .Where(s => version.AtLeast(2, 98) || (version.AtLeast(2, 3) && request.Fields.ShowsExtendedAttributes(s.ProjectId)))
            .Select(s => s.ImageRef));
    }

    /// <summary>The index entry of <c>GET /servers</c>: id, name, links.</summary>
    public static void WriteSummary(Utf8JsonWriter writer, ServerSnapshot server, ComputeLinks links)
    {
        writer.WriteStartObject();
        writer.WriteString("id", server.Id);
        writer.WriteString("name", server.Name);
        WriteLinks(writer, links, "servers", server.Id.ToString());
        writer.WriteEndObject();
    }

    /// <summary>
    /// The view of <c>PUT /servers/{id}</c>: below 2.75 Nova's shorter update view, from 2.75 the show view.
    /// </summary>
    public void WriteUpdate(Utf8JsonWriter writer, ServerSnapshot server, ComputeRequest request)
    {
        if (request.Version.AtLeast(2, 75))
        {
            WriteFull(writer, server, request, ServerViewKind.Show);
        }
        else
        {
            WriteShort(writer, server, request, rebuild: null);
        }
    }

    /// <summary>
    /// The view of the rebuild action: below 2.75 the shorter view plus <c>adminPass</c>, <c>key_name</c> (2.54) and
    /// <c>user_data</c> (2.57); from 2.75 the show view without <c>OS-EXT-SRV-ATTR:user_data</c> but with those
    /// three. <paramref name="adminPass"/> is left out when null (instance passwords disabled).
    /// </summary>
    public void WriteRebuild(Utf8JsonWriter writer, ServerSnapshot server, ComputeRequest request, string? adminPass)
    {
        if (request.Version.AtLeast(2, 75))
        {
            WriteFull(writer, server, request, ServerViewKind.Rebuild, adminPass);
        }
        else
        {
            WriteShort(writer, server, request, new RebuildExtras(adminPass));
        }
    }

    private sealed record RebuildExtras(string? AdminPass);

    /// <summary>The fields every server view opens with, in Nova's order, through progress and fault.</summary>
    private void WriteOpeningFields(Utf8JsonWriter writer, ServerSnapshot server, ComputeRequest request, bool extendedAddresses)
    {
        var version = request.Version;
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
        WriteAddresses(writer, server, extended: extendedAddresses);
        writer.WriteString("accessIPv4", server.AccessIPv4);
        writer.WriteString("accessIPv6", server.AccessIPv6);
        WriteLinks(writer, links, "servers", server.Id.ToString());
        writer.WriteString("OS-DCF:diskConfig", server.DiskConfig);
        WriteProgressAndFault(writer, server, status, request.Caller.IsAdmin);
    }

    private void WriteShort(Utf8JsonWriter writer, ServerSnapshot server, ComputeRequest request, RebuildExtras? rebuild)
    {
        var version = request.Version;
        WriteOpeningFields(writer, server, request, extendedAddresses: false);
        if (rebuild is not null)
        {
            if (rebuild.AdminPass is not null)
            {
                writer.WriteString("adminPass", rebuild.AdminPass);
            }

            if (version.AtLeast(2, 54))
            {
                WriteNullableString(writer, "key_name", server.KeyName);
            }

            if (version.AtLeast(2, 57))
            {
                WriteNullableString(writer, "user_data", server.UserData);
            }
        }

        if (version.AtLeast(2, 9))
        {
            writer.WriteBoolean("locked", server.Locked);
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
            WriteNullableStrings(writer, "trusted_image_certificates", server.TrustedImageCertificates);
        }

        if (version.AtLeast(2, 71))
        {
            WriteStrings(writer, "server_groups", server.ServerGroups);
        }

        if (version.AtLeast(2, 73))
        {
            WriteNullableString(writer, "locked_reason", server.LockedReason);
        }

        writer.WriteEndObject();
    }

    private static void WriteProgressAndFault(Utf8JsonWriter writer, ServerSnapshot server, string status, bool admin)
    {
        if (status is ServerStatus.Active or ServerStatus.Build or ServerStatus.Rebuild or ServerStatus.Resize or ServerStatus.VerifyResize or ServerStatus.Migrating)
        {
            writer.WriteNumber("progress", server.Progress);
        }

        if (status is ServerStatus.Error or ServerStatus.Deleted && server.Fault is { } fault)
        {
            WriteFault(writer, fault, admin);
        }
    }

    public void WriteFull(Utf8JsonWriter writer, ServerSnapshot server, ComputeRequest request, ServerViewKind kind, string? adminPass = null)
    {
        var version = request.Version;
        WriteOpeningFields(writer, server, request, extendedAddresses: true);
        if (kind == ServerViewKind.Rebuild)
        {
            if (adminPass is not null)
            {
                writer.WriteString("adminPass", adminPass);
            }

            WriteNullableString(writer, "user_data", server.UserData);
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
        VolumeAttachments.VolumesAttachedView.Write(writer, server, version);

        if (request.Fields.ShowsExtendedAttributes(server.ProjectId))
        {
            WriteNullableString(writer, "OS-EXT-SRV-ATTR:host", server.Host);
            WriteNullableString(writer, "OS-EXT-SRV-ATTR:hypervisor_hostname", server.Node);
            writer.WriteString("OS-EXT-SRV-ATTR:instance_name", server.InstanceName);
            if (version.AtLeast(2, 3))
            {
                var image = images.FindKnown(server.ImageRef);
                writer.WriteString("OS-EXT-SRV-ATTR:hostname", server.Hostname);
                writer.WriteString("OS-EXT-SRV-ATTR:kernel_id", ImageAttributes.KernelOrRamdisk(image, "kernel_id"));
                writer.WriteNumber("OS-EXT-SRV-ATTR:launch_index", server.LaunchIndex);
                writer.WriteString("OS-EXT-SRV-ATTR:ramdisk_id", ImageAttributes.KernelOrRamdisk(image, "ramdisk_id"));
                writer.WriteString("OS-EXT-SRV-ATTR:reservation_id", server.ReservationId);
                writer.WriteString("OS-EXT-SRV-ATTR:root_device_name", "/dev/vda");
                if (kind != ServerViewKind.Rebuild)
                {
                    // The rebuild response carries user_data at the top level instead.
                    WriteNullableString(writer, "OS-EXT-SRV-ATTR:user_data", server.UserData);
                }
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

        if (version.AtLeast(2, 16) && request.Fields.ShowsHostStatus(server.ProjectId))
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
            WriteNullableStrings(writer, "trusted_image_certificates", server.TrustedImageCertificates);
        }

        if (version.AtLeast(2, 71) && kind != ServerViewKind.Detail)
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
            if (images.FindKnown(server.ImageRef) is { } image)
            {
                foreach (var (key, value) in image.Metadata.Where(p => !NotImageProperties.Contains(p.Key)))
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

    /// <summary>
    /// <c>addresses</c>: empty while building; fixed before floating within a network. The show view adds the
    /// <c>OS-EXT-IPS</c> keys; the update view and <c>/ips</c> do not.
    /// </summary>
    public static void WriteAddresses(Utf8JsonWriter writer, ServerSnapshot server, bool extended, string name = "addresses")
    {
        writer.WriteStartObject(name);
        foreach (var network in AddressesByNetwork(server))
        {
            WriteNetwork(writer, network.Key, network, extended);
        }

        writer.WriteEndObject();
    }

    /// <summary>The addresses the views show, grouped by network label in first-seen order.</summary>
    public static IEnumerable<IGrouping<string, ServerAddress>> AddressesByNetwork(ServerSnapshot server) =>
        server.VmState == VmState.Building ? [] : server.Addresses.GroupBy(a => a.NetworkLabel, StringComparer.Ordinal);

    /// <summary>One network's address list, as a property named after its label.</summary>
    public static void WriteNetwork(Utf8JsonWriter writer, string label, IEnumerable<ServerAddress> addresses, bool extended)
    {
        writer.WriteStartArray(label);
        foreach (var address in addresses.OrderBy(a => a.Type == "fixed" ? 0 : 1))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", address.IpVersion);
            writer.WriteString("addr", address.Address);
            if (extended)
            {
                writer.WriteString("OS-EXT-IPS:type", address.Type);
                writer.WriteString("OS-EXT-IPS-MAC:mac_addr", address.MacAddress);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
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

    private static void WriteNullableStrings(Utf8JsonWriter writer, string name, IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            WriteStrings(writer, name, values);
        }
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

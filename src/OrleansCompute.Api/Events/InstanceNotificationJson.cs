using System.Text.Json;
using OrleansCompute.Events;
using OrleansCompute.Servers;

namespace OrleansCompute.Api.Events;

/// <summary>
/// Writes an event as Nova's versioned notification: <c>event_type</c>, <c>priority</c>, <c>publisher_id</c>,
/// <c>timestamp</c>, <c>message_id</c> and the <c>payload</c> as a nova_object (InstanceActionPayload fields).
/// The user_data of a server is never part of it, as in Nova.
/// </summary>
public static class InstanceNotificationJson
{
    /// <summary>The notification as one JSON object.</summary>
    public static string Serialize(InstanceNotification notification) => Serialize(notification, includeHost: true);

    /// <summary>
    /// The notification as one JSON object; without <paramref name="includeHost"/> <c>host</c> and <c>node</c> are
    /// null, as Nova's server views hide them from a non-admin.
    /// </summary>
    public static string Serialize(InstanceNotification notification, bool includeHost)
    {
        ArgumentNullException.ThrowIfNull(notification);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, notification, includeHost);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter w, InstanceNotification n, bool includeHost)
    {
        var server = n.Instance;
        w.WriteStartObject();
        w.WriteString("event_type", n.EventType);
        w.WriteString("priority", n.Priority);
        w.WriteString("publisher_id", n.PublisherId);
        w.WriteString("timestamp", NovaTime.Usage(n.Timestamp));
        w.WriteString("message_id", n.MessageId);
        w.WriteStartObject("payload");
        w.WriteString("nova_object.name", PayloadName(n.EventType));
        w.WriteString("nova_object.namespace", "nova");
        w.WriteString("nova_object.version", "1.8");
        w.WriteStartObject("nova_object.data");
        w.WriteString("uuid", server.Id);
        w.WriteString("display_name", server.Name);
        w.WriteString("display_description", server.Description);
        w.WriteString("host_name", server.Hostname);
        w.WriteString("tenant_id", server.ProjectId);
        w.WriteString("user_id", server.UserId);
        w.WriteString("state", server.VmState);
        w.WriteString("task_state", server.TaskState);
        w.WriteString("power_state", PowerState.Name(server.PowerState));
        w.WriteString("host", includeHost ? server.Host : null);
        w.WriteString("node", includeHost ? server.Node : null);
        w.WriteString("availability_zone", server.AvailabilityZone);
        w.WriteString("image_uuid", server.ImageRef);
        w.WriteString("key_name", server.KeyName);
        w.WriteString("reservation_id", server.ReservationId);
        w.WriteBoolean("locked", server.Locked);
        w.WriteString("locked_reason", server.LockedReason);
        w.WriteString("auto_disk_config", server.DiskConfig);
        w.WriteNumber("progress", server.Progress);
        w.WriteString("created_at", NovaTime.Iso(server.CreatedAt));
        w.WriteString("updated_at", NovaTime.Iso(server.UpdatedAt));
        WriteTime(w, "launched_at", server.LaunchedAt);
        WriteTime(w, "terminated_at", server.TerminatedAt);
        WriteTime(w, "deleted_at", server.DeletedAt);
        w.WriteString("request_id", n.RequestId);
        WriteFlavor(w, server.Flavor);
        WriteAddresses(w, server.Addresses);
        w.WriteStartObject("metadata");
        foreach (var (key, value) in server.Metadata)
        {
            w.WriteString(key, value);
        }

        w.WriteEndObject();
        w.WriteStartArray("tags");
        foreach (var tag in server.Tags)
        {
            w.WriteStringValue(tag);
        }

        w.WriteEndArray();
        if (server.Fault is { } fault && n.Priority == "ERROR")
        {
            w.WriteStartObject("fault");
            w.WriteString("exception", "ComputeDriverException");
            w.WriteString("exception_message", fault.Message);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("fault");
        }

        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteFlavor(Utf8JsonWriter w, FlavorSnapshot flavor)
    {
        w.WriteStartObject("flavor");
        w.WriteString("flavorid", flavor.Id);
        w.WriteString("name", flavor.Name);
        w.WriteNumber("vcpus", flavor.Vcpus);
        w.WriteNumber("memory_mb", flavor.RamMb);
        w.WriteNumber("root_gb", flavor.DiskGb);
        w.WriteNumber("ephemeral_gb", flavor.EphemeralGb);
        w.WriteNumber("swap", flavor.SwapMb);
        w.WriteEndObject();
    }

    private static void WriteAddresses(Utf8JsonWriter w, IReadOnlyList<ServerAddress> addresses)
    {
        w.WriteStartArray("ip_addresses");
        foreach (var address in addresses)
        {
            w.WriteStartObject();
            w.WriteString("address", address.Address);
            w.WriteNumber("version", address.IpVersion);
            w.WriteString("mac", address.MacAddress);
            w.WriteString("label", address.NetworkLabel);
            w.WriteString("port_uuid", address.PortId);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteTime(Utf8JsonWriter w, string name, DateTimeOffset? value)
    {
        if (value is { } time)
        {
            w.WriteString(name, NovaTime.Iso(time));
        }
        else
        {
            w.WriteNull(name);
        }
    }

    /// <summary>Nova's payload classes: create and delete have their own, the rest are action payloads.</summary>
    private static string PayloadName(string eventType) => eventType switch
    {
        _ when eventType.StartsWith("instance.create.", StringComparison.Ordinal) => "InstanceCreatePayload",
        "instance.update" => "InstanceUpdatePayload",
        _ => "InstanceActionPayload",
    };
}

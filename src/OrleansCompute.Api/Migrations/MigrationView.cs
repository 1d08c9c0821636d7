using System.Globalization;
using System.Text.Json;
using OrleansCompute.Migrations;

namespace OrleansCompute.Api.Migrations;

/// <summary>
/// A migration record as Nova writes it: the <c>/os-migrations</c> item (<see cref="WriteIndexItem"/>) and the
/// <c>/servers/{id}/migrations</c> item (<see cref="WriteServerItem"/>); host fields are null for callers that
/// may not see hosts, <c>uuid</c> from 2.59, <c>user_id</c>/<c>project_id</c> from 2.80.
/// </summary>
internal static class MigrationView
{
    public static void WriteIndexItem(Utf8JsonWriter w, MigrationRecord record, ComputeRequest request, bool showHosts)
    {
        w.WriteStartObject();
        w.WriteNumber("id", record.Id);
        w.WriteString("status", record.Status);
        w.WriteString("instance_uuid", record.ServerId.ToString());
        WriteHosts(w, record, showHosts);
        WriteFlavorId(w, "old_instance_type_id", record.OldFlavorId);
        WriteFlavorId(w, "new_instance_type_id", record.NewFlavorId);
        WriteTimes(w, record);
        if (request.Version.AtLeast(2, 23))
        {
            w.WriteString("migration_type", record.Type);
            if (record.IsLiveInProgress)
            {
                var path = $"{record.ServerId}/migrations/{record.Id}";
                w.WriteStartArray("links");
                WriteLink(w, "self", request.Links.Self("servers", path));
                WriteLink(w, "bookmark", request.Links.Bookmark("servers", path));
                w.WriteEndArray();
            }
        }

        WriteVersioned(w, record, request);
        w.WriteEndObject();
    }

    public static void WriteServerItem(Utf8JsonWriter w, MigrationRecord record, ComputeRequest request, bool showHosts)
    {
        w.WriteStartObject();
        w.WriteNumber("id", record.Id);
        w.WriteString("server_uuid", record.ServerId.ToString());
        w.WriteString("status", record.Status);
        WriteHosts(w, record, showHosts);
        // The simulated driver reports no memory or disk transfer figures.
        foreach (var figure in new[] { "memory_total_bytes", "memory_processed_bytes", "memory_remaining_bytes", "disk_total_bytes", "disk_processed_bytes", "disk_remaining_bytes" })
        {
            w.WriteNull(figure);
        }

        WriteTimes(w, record);
        WriteVersioned(w, record, request);
        w.WriteEndObject();
    }

    private static void WriteHosts(Utf8JsonWriter w, MigrationRecord record, bool showHosts)
    {
        WriteOptional(w, "source_compute", showHosts ? record.SourceCompute : null);
        WriteOptional(w, "dest_compute", showHosts ? record.DestCompute : null);
        WriteOptional(w, "source_node", showHosts ? record.SourceCompute : null);
        WriteOptional(w, "dest_node", showHosts ? record.DestCompute : null);
        // Nova's dest_host is the destination's IP address, which the simulated hosts do not have.
        w.WriteNull("dest_host");
    }

    private static void WriteTimes(Utf8JsonWriter w, MigrationRecord record)
    {
        w.WriteString("created_at", NovaTime.Usage(record.CreatedAt));
        WriteOptional(w, "updated_at", record.UpdatedAt is { } updated ? NovaTime.Usage(updated) : null);
    }

    private static void WriteVersioned(Utf8JsonWriter w, MigrationRecord record, ComputeRequest request)
    {
        if (request.Version.AtLeast(2, 59))
        {
            w.WriteString("uuid", record.Uuid.ToString());
        }

        if (request.Version.AtLeast(2, 80))
        {
            w.WriteString("user_id", record.UserId);
            w.WriteString("project_id", record.ProjectId);
        }
    }

    // Nova's ids are the flavors' database integers; a flavor id that is not an integer has none to show.
    private static void WriteFlavorId(Utf8JsonWriter w, string name, string? flavorId)
    {
        if (int.TryParse(flavorId, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            w.WriteNumber(name, number);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static void WriteLink(Utf8JsonWriter w, string rel, string href)
    {
        w.WriteStartObject();
        w.WriteString("href", href);
        w.WriteString("rel", rel);
        w.WriteEndObject();
    }
}

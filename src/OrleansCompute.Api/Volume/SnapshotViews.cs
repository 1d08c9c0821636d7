using System.Text.Json;
using OrleansCompute.Volumes;

namespace OrleansCompute.Api.Volume;

/// <summary>Cinder's snapshot view (summary and detail differ only by the extension fields).</summary>
internal static class SnapshotViews
{
    public static void Write(Utf8JsonWriter w, VolumeSnapshotRecord snapshot, VolumeRequest request, bool detail)
    {
        w.WriteStartObject();
        w.WriteString("id", snapshot.Id);
        w.WriteString("volume_id", snapshot.VolumeId);
        VolumeViews.WriteNullable(w, "name", snapshot.Name);
        VolumeViews.WriteNullable(w, "description", snapshot.Description);
        w.WriteString("status", snapshot.Status);
        w.WriteNumber("size", snapshot.Size);
        VolumeViews.WriteStrings(w, "metadata", snapshot.Metadata);
        w.WriteString("created_at", CinderTime.Format(snapshot.CreatedAt));
        VolumeViews.WriteNullable(w, "updated_at", snapshot.UpdatedAt is { } updated ? CinderTime.Format(updated) : null);
        if (detail)
        {
            w.WriteString("os-extended-snapshot-attributes:progress", snapshot.Progress);
            w.WriteString("os-extended-snapshot-attributes:project_id", snapshot.ProjectId);
            if (request.Version.AtLeast(14))
            {
                w.WriteNull("group_snapshot_id");
            }

            if (request.Version.AtLeast(41))
            {
                w.WriteString("user_id", snapshot.UserId);
            }

            if (request.Version.AtLeast(65))
            {
                w.WriteBoolean("consumes_quota", true);
            }
        }

        w.WriteEndObject();
    }
}

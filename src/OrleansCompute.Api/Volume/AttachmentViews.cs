using System.Text.Json;
using OrleansCompute.Volumes;

namespace OrleansCompute.Api.Volume;

/// <summary>Cinder's attachment views: the summary, and the detail with Cinder's flat connection_info.</summary>
internal static class AttachmentViews
{
    public static void Write(Utf8JsonWriter w, Guid volumeId, VolumeAttachment attachment, bool detail)
    {
        w.WriteStartObject();
        w.WriteString("id", attachment.Id);
        w.WriteString("status", attachment.Status);
        VolumeViews.WriteNullable(w, "instance", attachment.ServerId?.ToString("D"));
        w.WriteString("volume_id", volumeId);
        if (detail)
        {
            // Cinder shows unset times as empty strings, not null.
            w.WriteString("attached_at", attachment.AttachedAt is { } at ? CinderTime.Format(at) : "");
            w.WriteString("detached_at", "");
            w.WriteString("attach_mode", attachment.Mode);
            w.WriteStartObject("connection_info");
            if (attachment.Connected)
            {
                // A fake target: the keys os-brick reads for an iSCSI volume, flattened as Cinder returns them.
                w.WriteString("driver_volume_type", "iscsi");
                w.WriteString("target_iqn", $"iqn.2010-10.org.openstack:volume-{volumeId}");
                w.WriteString("target_portal", "127.0.0.1:3260");
                w.WriteNumber("target_lun", 0);
                w.WriteString("volume_id", volumeId);
                w.WriteString("attachment_id", attachment.Id);
                w.WriteBoolean("enforce_multipath", false);
                w.WriteString("access_mode", attachment.Mode == "ro" ? "ro" : "rw");
                w.WriteBoolean("encrypted", false);
                w.WriteNull("qos_specs");
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
    }
}

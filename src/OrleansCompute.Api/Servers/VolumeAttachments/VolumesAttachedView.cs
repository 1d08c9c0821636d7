using System.Text.Json;
using OrleansCompute.Api.Microversions;
using OrleansCompute.Servers;
using OrleansCompute.Volumes;

namespace OrleansCompute.Api.Servers.VolumeAttachments;

/// <summary>The server view's <c>os-extended-volumes:volumes_attached</c>: attached volumes only, <c>delete_on_termination</c> from 2.3.</summary>
internal static class VolumesAttachedView
{
    public static void Write(Utf8JsonWriter writer, ServerSnapshot server, ApiVersion version)
    {
        writer.WriteStartArray("os-extended-volumes:volumes_attached");
        foreach (var volume in server.Volumes.Where(v => v.State == ServerVolume.Attached))
        {
            writer.WriteStartObject();
            writer.WriteString("id", volume.VolumeId);
            if (version.AtLeast(2, 3))
            {
                writer.WriteBoolean("delete_on_termination", volume.DeleteOnTermination);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}

using OrleansCompute.Images;

namespace OrleansCompute.Servers;

/// <summary>
/// What Nova's compute side (the libvirt driver) sets on a snapshot's image when it uploads it: the formats it
/// wrote and its own properties. The simulated driver writes no data.
/// </summary>
internal static class SnapshotUpload
{
    public static SnapshotCompletion Completion(ServerSnapshot server) => new()
    {
        DiskFormat = "qcow2",
        ContainerFormat = "bare",
        Properties = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["image_location"] = "snapshot",
            ["image_state"] = "available",
            ["owner_id"] = server.ProjectId,
        },
    };
}

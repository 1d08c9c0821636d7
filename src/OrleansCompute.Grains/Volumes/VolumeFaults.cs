using OrleansCompute.Faults;

namespace OrleansCompute.Volumes;

/// <summary>Cinder's messages for the refusals the volume and snapshot grains make.</summary>
internal static class VolumeFaults
{
    public static ComputeFaultException VolumeNotFound(Guid id) => ComputeFaultException.NotFound($"Volume {id} could not be found.");

    public static ComputeFaultException SnapshotNotFound(Guid id) => ComputeFaultException.NotFound($"Snapshot {id} could not be found.");

    public static ComputeFaultException AttachmentNotFound(Guid id) => ComputeFaultException.NotFound($"VolumeAttachment {id} could not be found.");

    public static ComputeFaultException InvalidVolume(string reason) => ComputeFaultException.BadRequest($"Invalid volume: {reason}");

    public static ComputeFaultException InvalidSnapshot(string reason) => ComputeFaultException.BadRequest($"Invalid snapshot: {reason}");
}

namespace OrleansCompute.Volumes;

/// <summary>
/// Where a real storage backend (LVM, Ceph...) would plug in. The shipped fake takes configured durations and fails
/// when told to, so that creating, deleting, extending and error statuses are real and observable.
/// </summary>
public interface IVolumeBackend
{
    /// <summary>Makes the volume's storage (blank, or a copy of its source). Throws <see cref="VolumeBackendException"/> on failure.</summary>
    Task CreateAsync(VolumeRecord volume, CancellationToken cancellationToken);

    Task DeleteAsync(VolumeRecord volume, CancellationToken cancellationToken);

    Task ExtendAsync(VolumeRecord volume, int newSize, CancellationToken cancellationToken);

    /// <summary>Writes an image over the volume's data (<c>os-reimage</c>).</summary>
    Task ReimageAsync(VolumeRecord volume, string imageId, CancellationToken cancellationToken);

    /// <summary>Exports the volume to a host (an attachment's connector).</summary>
    Task ConnectAsync(VolumeRecord volume, VolumeAttachment attachment, CancellationToken cancellationToken);

    Task SnapshotAsync(VolumeSnapshotRecord snapshot, CancellationToken cancellationToken);

    Task DeleteSnapshotAsync(VolumeSnapshotRecord snapshot, CancellationToken cancellationToken);
}

/// <summary>A backend operation failed: the volume (or snapshot) goes to its error status.</summary>
public sealed class VolumeBackendException(string message) : Exception(message);

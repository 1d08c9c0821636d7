using Microsoft.Extensions.Options;

namespace OrleansCompute.Volumes;

/// <summary>A volume backend without storage: each operation takes its configured time on the <see cref="ComputeClock"/> and fails when told to.</summary>
public sealed class FakeVolumeBackend(IOptionsMonitor<FakeVolumeBackendOptions> options, ComputeClock clock) : IVolumeBackend
{
    public Task CreateAsync(VolumeRecord volume, CancellationToken cancellationToken) =>
        RunAsync("Create", volume.Name, options.CurrentValue.CreateSeconds, cancellationToken);

    public Task DeleteAsync(VolumeRecord volume, CancellationToken cancellationToken) =>
        RunAsync("Delete", null, options.CurrentValue.DefaultSeconds, cancellationToken);

    public Task ExtendAsync(VolumeRecord volume, int newSize, CancellationToken cancellationToken) =>
        RunAsync("Extend", null, options.CurrentValue.DefaultSeconds, cancellationToken);

    public Task ReimageAsync(VolumeRecord volume, string imageId, CancellationToken cancellationToken) =>
        RunAsync("Reimage", null, options.CurrentValue.DefaultSeconds, cancellationToken);

    public Task ConnectAsync(VolumeRecord volume, VolumeAttachment attachment, CancellationToken cancellationToken) =>
        RunAsync("Connect", null, options.CurrentValue.ConnectSeconds, cancellationToken);

    public Task SnapshotAsync(VolumeSnapshotRecord snapshot, CancellationToken cancellationToken) =>
        RunAsync("Snapshot", snapshot.Name, options.CurrentValue.DefaultSeconds, cancellationToken);

    public Task DeleteSnapshotAsync(VolumeSnapshotRecord snapshot, CancellationToken cancellationToken) =>
        RunAsync("DeleteSnapshot", null, options.CurrentValue.DefaultSeconds, cancellationToken);

    private async Task RunAsync(string operation, string? name, double seconds, CancellationToken cancellationToken)
    {
        if (seconds > 0)
        {
            await Task.Delay(TimeSpan.FromSeconds(seconds), clock.Time, cancellationToken);
        }

        var current = options.CurrentValue;
        var marked = name is not null && current.FailureNameMarker.Length > 0 && name.Contains(current.FailureNameMarker, StringComparison.Ordinal);
        if (marked || current.FailOperations.Contains(operation, StringComparer.OrdinalIgnoreCase))
        {
            throw new VolumeBackendException($"The fake volume backend was told to fail {operation}.");
        }
    }
}

using OrleansCompute.Identity;

namespace OrleansCompute.Volumes;

/// <summary>One volume snapshot, keyed by its uuid: the single writer of its record. It asks its volume, never the reverse.</summary>
[Alias("compute.IVolumeSnapshotGrain")]
public interface IVolumeSnapshotGrain : IGrainWithGuidKey
{
    [Alias("Create")]
    Task<VolumeSnapshotRecord> CreateAsync(CreateVolumeSnapshotCommand command);

    [Alias("Get")]
    Task<VolumeSnapshotRecord> GetAsync(CallerContext caller);

    [Alias("Update")]
    Task<VolumeSnapshotRecord> UpdateAsync(CallerContext caller, VolumeUpdate update);

    /// <summary>Starts the delete; 400 unless available or error.</summary>
    [Alias("Delete")]
    Task DeleteAsync(CallerContext caller);

    /// <summary><c>os-reset_status</c> (admin).</summary>
    [Alias("ResetStatus")]
    Task ResetStatusAsync(CallerContext caller, string status);
}

/// <summary>A snapshot create after the API's validation.</summary>
[GenerateSerializer, Immutable, Alias("compute.CreateVolumeSnapshotCommand")]
public sealed record CreateVolumeSnapshotCommand
{
    [Id(0)] public required CallerContext Caller { get; init; }
    [Id(1)] public required Guid VolumeId { get; init; }
    [Id(2)] public string? Name { get; init; }
    [Id(3)] public string? Description { get; init; }
    [Id(4)] public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
    [Id(5)] public bool Force { get; init; }
}

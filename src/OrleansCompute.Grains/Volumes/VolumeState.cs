namespace OrleansCompute.Volumes;

/// <summary>The persisted volume: null before its create; kept (marked deleted) after its delete, so that a late call sees 404.</summary>
[GenerateSerializer, Alias("compute.VolumeState")]
public sealed class VolumeState
{
    [Id(0)] public VolumeRecord? Volume { get; set; }

    /// <summary>The size an extend in flight goes to, and the status it returns to.</summary>
    [Id(1)] public int? ExtendingTo { get; set; }

    [Id(2)] public string? StatusBeforeExtend { get; set; }

    /// <summary>False from the create's quota claim until the delete gave it back (a crash in between gives it back on resume).</summary>
    [Id(3)] public bool QuotaReleased { get; set; }

    /// <summary>The image a reimage in flight writes (<c>os-reimage</c>), its volume_image_metadata, and the status it returns to.</summary>
    [Id(4)] public string? ReimageImageId { get; set; }

    [Id(5)] public IReadOnlyDictionary<string, string>? ReimageMetadata { get; set; }

    [Id(6)] public string? StatusBeforeReimage { get; set; }
}

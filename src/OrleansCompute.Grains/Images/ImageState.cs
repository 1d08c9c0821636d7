namespace OrleansCompute.Images;

/// <summary>The persisted snapshot image; null before it is created and after it is deleted.</summary>
[GenerateSerializer, Alias("compute.ImageState")]
public sealed class ImageState
{
    [Id(0)] public SnapshotImage? Image { get; set; }

    /// <summary>Raised by every commit, so a late index write never replaces a newer row.</summary>
    [Id(1)] public long Revision { get; set; }
}

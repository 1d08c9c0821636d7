namespace OrleansCompute.Images;

/// <summary>The persisted snapshot image; null before it is created and after it is deleted.</summary>
[GenerateSerializer, Alias("compute.ImageState")]
public sealed class ImageState
{
    [Id(0)] public SnapshotImage? Image { get; set; }
}

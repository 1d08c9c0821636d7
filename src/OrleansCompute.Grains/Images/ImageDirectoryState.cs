namespace OrleansCompute.Images;

/// <summary>The persisted image ids of one project, oldest first.</summary>
[GenerateSerializer, Alias("compute.ImageDirectoryState")]
public sealed class ImageDirectoryState
{
    [Id(0)] public List<string> ImageIds { get; set; } = [];
}

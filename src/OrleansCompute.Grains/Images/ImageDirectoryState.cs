namespace OrleansCompute.Images;

/// <summary>The persisted image ids of one directory, oldest first, and whether they were copied to the image index.</summary>
[GenerateSerializer, Alias("compute.ImageDirectoryState")]
public sealed class ImageDirectoryState
{
    [Id(0)] public List<string> ImageIds { get; set; } = [];

    /// <summary>Set once every listed image wrote its index row: the backfill never runs twice.</summary>
    [Id(1)] public bool Indexed { get; set; }
}

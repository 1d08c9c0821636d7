namespace OrleansCompute.Catalog;

/// <summary>An image as configured (<c>Compute:Catalog:Images</c>); Nova proxies these from Glance.</summary>
public sealed class ImageDefinition
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string Status { get; set; } = "ACTIVE";
    public int MinDiskGb { get; set; }
    public int MinRamMb { get; set; }
    public long SizeBytes { get; set; }
    public DateTimeOffset Created { get; set; } = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public Dictionary<string, string> Metadata { get; set; } = [];

    /// <summary>When the image last changed (a snapshot becoming ACTIVE); null: <see cref="Created"/>.</summary>
    public DateTimeOffset? Updated { get; set; }

    /// <summary>The project a snapshot image belongs to (Glance's private visibility); null for the public, configured images.</summary>
    public string? OwnerProjectId { get; set; }
}

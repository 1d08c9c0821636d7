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
}

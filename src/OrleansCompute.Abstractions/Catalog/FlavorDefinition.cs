namespace OrleansCompute.Catalog;

/// <summary>A flavor as configured (<c>Compute:Catalog:Flavors</c>).</summary>
public sealed class FlavorDefinition
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public int Vcpus { get; set; } = 1;
    public int RamMb { get; set; } = 512;
    public int DiskGb { get; set; } = 1;
    public int EphemeralGb { get; set; }
    public int SwapMb { get; set; }
    public float RxtxFactor { get; set; } = 1.0f;
    public bool IsPublic { get; set; } = true;
    public string? Description { get; set; }
    public Dictionary<string, string> ExtraSpecs { get; set; } = [];
}

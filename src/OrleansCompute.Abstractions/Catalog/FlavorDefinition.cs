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

    /// <summary>The projects granted a private flavor (Nova's flavor access); ignored for a public one.</summary>
    public List<string> Projects { get; set; } = [];

    /// <summary>Whether the caller sees the flavor (lists, show, create): public, granted to its project, or an admin.</summary>
    public bool IsVisibleTo(Identity.CallerContext caller) =>
        IsPublic || caller.IsAdmin || Projects.Contains(caller.ProjectId, StringComparer.Ordinal);
}

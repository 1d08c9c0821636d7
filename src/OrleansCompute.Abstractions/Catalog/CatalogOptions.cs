namespace OrleansCompute.Catalog;

/// <summary>
/// The resources a create refers to, from configuration section <c>Compute:Catalog</c>. Empty lists fall back
/// to <see cref="DefaultCatalog"/>, so a fresh install can boot a server with no setup.
/// </summary>
public sealed class CatalogOptions
{
    public const string SectionName = "Compute:Catalog";

    public List<FlavorDefinition> Flavors { get; set; } = [];
    public List<ImageDefinition> Images { get; set; } = [];
    public List<NetworkDefinition> Networks { get; set; } = [];
    public List<HostDefinition> Hosts { get; set; } = [];
    public List<PortDefinition> Ports { get; set; } = [];

    /// <summary>Security group names that exist besides <c>default</c>, which always does.</summary>
    public List<string> SecurityGroups { get; set; } = [];
}

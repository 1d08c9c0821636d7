namespace OrleansCompute.Catalog;

/// <summary>A network as configured (<c>Compute:Catalog:Networks</c>); its subnet hands out fixed IPs.</summary>
public sealed class NetworkDefinition
{
    public string Id { get; set; } = "";
    /// <summary>The label servers list their addresses under.</summary>
    public string Name { get; set; } = "";
    /// <summary>IPv4 or IPv6 subnet in CIDR form; the first and last addresses are never handed out.</summary>
    public string Cidr { get; set; } = "";
    /// <summary>The network that <c>networks: "auto"</c> (or no networks before 2.37) attaches to.</summary>
    public bool IsDefault { get; set; }
}

using System.Collections.Frozen;
using Microsoft.Extensions.Options;

namespace OrleansCompute.Catalog;

/// <summary>
/// Read-only lookups over the configured catalog, shared by the API (resolving a create's references) and
/// the grains (placing and wiring a server). Built once from options; lookups are dictionary reads.
/// </summary>
public sealed class ComputeCatalog
{
    private readonly FrozenDictionary<string, FlavorDefinition> _flavors;
    private readonly FrozenDictionary<string, ImageDefinition> _images;
    private readonly FrozenDictionary<string, NetworkDefinition> _networks;

    public ComputeCatalog(IOptions<CatalogOptions> options)
    {
        var value = options.Value;
        Flavors = value.Flavors.Count > 0 ? value.Flavors : DefaultCatalog.Flavors;
        Images = value.Images.Count > 0 ? value.Images : DefaultCatalog.Images;
        Networks = value.Networks.Count > 0 ? value.Networks : DefaultCatalog.Networks;
        Hosts = value.Hosts.Count > 0 ? value.Hosts : DefaultCatalog.Hosts;
        _flavors = Flavors.ToFrozenDictionary(f => f.Id, StringComparer.Ordinal);
        _images = Images.ToFrozenDictionary(i => i.Id, StringComparer.OrdinalIgnoreCase);
        _networks = Networks.ToFrozenDictionary(n => n.Id, StringComparer.OrdinalIgnoreCase);
        Ports = value.Ports;
        _ports = Ports.ToFrozenDictionary(p => p.Id, StringComparer.OrdinalIgnoreCase);
        _securityGroups = value.SecurityGroups.Append("default").ToFrozenSet(StringComparer.Ordinal);
    }

    private readonly FrozenSet<string> _securityGroups;

    /// <summary>Whether a security group of this name exists: <c>default</c> or a configured one.</summary>
    public bool HasSecurityGroup(string name) => _securityGroups.Contains(name);

    private readonly FrozenDictionary<string, PortDefinition> _ports;

    public IReadOnlyList<PortDefinition> Ports { get; }

    public PortDefinition? FindPort(string id) => _ports.GetValueOrDefault(id);

    public HostDefinition? FindHost(string name) => Hosts.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.Ordinal));

    public IReadOnlyList<FlavorDefinition> Flavors { get; }

    /// <summary>
    /// The configured images. Snapshot images (createImage, createBackup) are durable grain state, found through
    /// <see cref="Images.ImageLookup"/>, which every reader of images uses.
    /// </summary>
    public IReadOnlyList<ImageDefinition> Images { get; }

    public IReadOnlyList<NetworkDefinition> Networks { get; }

    public IReadOnlyList<HostDefinition> Hosts { get; }

    public FlavorDefinition? FindFlavor(string id) => _flavors.GetValueOrDefault(id);

    /// <summary>A configured image; snapshots are found with <see cref="Images.ImageLookup.FindAsync"/>.</summary>
    public ImageDefinition? FindImage(string id) => _images.GetValueOrDefault(id);

    public NetworkDefinition? FindNetwork(string id) => _networks.GetValueOrDefault(id);

    public NetworkDefinition? DefaultNetwork => Networks.FirstOrDefault(n => n.IsDefault) ?? (Networks.Count > 0 ? Networks[0] : null);
}

using System.Collections.Concurrent;
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

    // Images made by createImage / createBackup in this process (Nova's Glance records), beside the configured ones.
    private readonly ConcurrentDictionary<string, ImageDefinition> _created = new(StringComparer.OrdinalIgnoreCase);
    private readonly IReadOnlyList<ImageDefinition> _configuredImages;

    public ComputeCatalog(IOptions<CatalogOptions> options)
    {
        var value = options.Value;
        Flavors = value.Flavors.Count > 0 ? value.Flavors : DefaultCatalog.Flavors;
        _configuredImages = value.Images.Count > 0 ? value.Images : DefaultCatalog.Images;
        Networks = value.Networks.Count > 0 ? value.Networks : DefaultCatalog.Networks;
        Hosts = value.Hosts.Count > 0 ? value.Hosts : DefaultCatalog.Hosts;
        _flavors = Flavors.ToFrozenDictionary(f => f.Id, StringComparer.Ordinal);
        _images = _configuredImages.ToFrozenDictionary(i => i.Id, StringComparer.OrdinalIgnoreCase);
        _networks = Networks.ToFrozenDictionary(n => n.Id, StringComparer.OrdinalIgnoreCase);
        Ports = value.Ports;
        _ports = Ports.ToFrozenDictionary(p => p.Id, StringComparer.OrdinalIgnoreCase);
    }

    private readonly FrozenDictionary<string, PortDefinition> _ports;

    public IReadOnlyList<PortDefinition> Ports { get; }

    public PortDefinition? FindPort(string id) => _ports.GetValueOrDefault(id);

    public HostDefinition? FindHost(string name) => Hosts.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.Ordinal));

    public IReadOnlyList<FlavorDefinition> Flavors { get; }

    /// <summary>The configured images, then those created since the start (oldest first).</summary>
    public IReadOnlyList<ImageDefinition> Images => _created.IsEmpty ? _configuredImages : [.. _configuredImages, .. _created.Values.OrderBy(i => i.Created)];

    public IReadOnlyList<NetworkDefinition> Networks { get; }

    public IReadOnlyList<HostDefinition> Hosts { get; }

    public FlavorDefinition? FindFlavor(string id) => _flavors.GetValueOrDefault(id);

    public ImageDefinition? FindImage(string id) => _images.GetValueOrDefault(id) ?? _created.GetValueOrDefault(id);

    /// <summary>Adds an image made from a server (createImage, createBackup); it starts as SAVING.</summary>
    public void AddImage(ImageDefinition image) => _created[image.Id] = image;

    /// <summary>The snapshot of a created image finished: it becomes ACTIVE (and bootable).</summary>
    public void MarkImageActive(string id)
    {
        if (_created.TryGetValue(id, out var image))
        {
            image.Status = "ACTIVE";
        }
    }

    /// <summary>A snapshot failed: Nova deletes its image.</summary>
    public void RemoveImage(string id) => _created.TryRemove(id, out _);

    public NetworkDefinition? FindNetwork(string id) => _networks.GetValueOrDefault(id);

    public NetworkDefinition? DefaultNetwork => Networks.FirstOrDefault(n => n.IsDefault) ?? (Networks.Count > 0 ? Networks[0] : null);
}

using System.Collections.Frozen;
using Microsoft.Extensions.Options;

namespace OrleansCompute.Catalog;

/// <summary>
/// Read-only lookups over the configured catalog, shared by the API (resolving a create's references) and
/// the grains (placing and wiring a server). Built once from options; lookups are dictionary reads.
/// </summary>
public sealed class ComputeCatalog
{
    // The flavors readers see: the configured ones until the flavor store's set arrives (see UseFlavors).
    private volatile FlavorView _flavors;
    private readonly Lock _flavorWrite = new();
    private readonly FrozenDictionary<string, ImageDefinition> _images;
    private readonly FrozenDictionary<string, NetworkDefinition> _networks;

    public ComputeCatalog(IOptions<CatalogOptions> options)
    {
        var value = options.Value;
        ConfiguredFlavors = value.Flavors.Count > 0 ? value.Flavors : DefaultCatalog.Flavors;
        Images = value.Images.Count > 0 ? value.Images : DefaultCatalog.Images;
        Networks = value.Networks.Count > 0 ? value.Networks : DefaultCatalog.Networks;
        ConfiguredHosts = HostsOf(value);
        _registeredHosts = ConfiguredHosts;
        _hosts = ConfiguredHosts;
        _flavors = new FlavorView(0, ConfiguredFlavors);
        _images = Images.ToFrozenDictionary(i => i.Id, StringComparer.OrdinalIgnoreCase);
        _networks = Networks.ToFrozenDictionary(n => n.Id, StringComparer.OrdinalIgnoreCase);
        Ports = value.Ports;
        _ports = Ports.ToFrozenDictionary(p => p.Id, StringComparer.OrdinalIgnoreCase);
        _securityGroups = value.SecurityGroups.Append("default").ToFrozenSet(StringComparer.Ordinal);
    }

    private readonly FrozenSet<string> _securityGroups;

    /// <summary>Whether a security group of this name exists: <c>default</c> or a configured one.</summary>
    public bool HasSecurityGroup(string name) => _securityGroups.Contains(name);

    /// <summary>The configured security group names (every project gets a group of each name), <c>default</c> included.</summary>
    public IReadOnlyCollection<string> SecurityGroupNames => _securityGroups;

    private readonly FrozenDictionary<string, PortDefinition> _ports;

    public IReadOnlyList<PortDefinition> Ports { get; }

    public PortDefinition? FindPort(string id) => _ports.GetValueOrDefault(id);

    public HostDefinition? FindHost(string name) => Hosts.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.Ordinal));

    /// <summary>
    /// The flavors of the cloud. The flavor store (an operator creates and deletes them) replaces them at run time;
    /// a process without the store serves the configured ones.
    /// </summary>
    public IReadOnlyList<FlavorDefinition> Flavors => _flavors.All;

    /// <summary>The flavors from configuration: what seeds the flavor store on its first start.</summary>
    public IReadOnlyList<FlavorDefinition> ConfiguredFlavors { get; }

    /// <summary>The version of the flavor store the catalog holds; 0 while it serves the configured flavors.</summary>
    public long FlavorVersion => _flavors.Version;

    /// <summary>
    /// Takes the flavor store's set at <paramref name="version"/>, unless the catalog already holds that version or a
    /// newer one (a late answer never brings back a deleted flavor). Lookups stay lock-free dictionary reads.
    /// </summary>
    public void UseFlavors(long version, IReadOnlyList<FlavorDefinition> flavors)
    {
        var next = new FlavorView(version, flavors);
        lock (_flavorWrite)
        {
            if (_flavors.Version < version)
            {
                _flavors = next;
            }
        }
    }

    /// <summary>The flavor if the caller may use it (Nova answers a private flavor not granted to it as unknown).</summary>
    public FlavorDefinition? FindFlavor(string id, Identity.CallerContext caller) =>
        FindFlavor(id) is { } flavor && flavor.IsVisibleTo(caller) ? flavor : null;

    /// <summary>
    /// The configured images. Snapshot images (createImage, createBackup) are durable grain state, found through
    /// <see cref="Images.ImageLookup"/>, which every reader of images uses.
    /// </summary>
    public IReadOnlyList<ImageDefinition> Images { get; }

    public IReadOnlyList<NetworkDefinition> Networks { get; }

    /// <summary>
    /// The registered hosts (the host registry's, see <see cref="UseHosts"/>; the configured ones until its set
    /// arrives), each in the zone host aggregates give it (see <see cref="UseHostZones"/>) or its own one.
    /// </summary>
    public IReadOnlyList<HostDefinition> Hosts => _hosts;

    /// <summary>The hosts of this process's configuration, in their configured zones: what it registers when it starts.</summary>
    public IReadOnlyList<HostDefinition> ConfiguredHosts { get; }

    /// <summary>The version of the host registry the catalog holds; 0 while it serves the configured hosts.</summary>
    public long HostVersion { get; private set; }

    private readonly Lock _hostWrite = new();
    private volatile IReadOnlyList<HostDefinition> _registeredHosts;
    private IReadOnlyDictionary<string, string> _hostZones = new Dictionary<string, string>();
    private volatile IReadOnlyList<HostDefinition> _hosts;

    /// <summary>The hosts a configuration names; none named: the default catalog's.</summary>
    public static IReadOnlyList<HostDefinition> HostsOf(CatalogOptions options) => options.Hosts.Count > 0 ? options.Hosts : DefaultCatalog.Hosts;

    /// <summary>
    /// Takes the host registry's set at <paramref name="version"/>, unless the catalog already holds that version
    /// or a newer one (a late answer never brings back a removed host).
    /// </summary>
    public void UseHosts(long version, IReadOnlyList<HostDefinition> hosts)
    {
        lock (_hostWrite)
        {
            if (HostVersion < version)
            {
                HostVersion = version;
                _registeredHosts = hosts;
                _hosts = Zoned();
            }
        }
    }

    /// <summary>The zones host aggregates give hosts (host name to zone); a host not named keeps its own zone.</summary>
    public void UseHostZones(IReadOnlyDictionary<string, string> zones)
    {
        lock (_hostWrite)
        {
            _hostZones = zones;
            _hosts = Zoned();
        }
    }

    /// <summary>A registered host as registered (its own zone, not an aggregate's); null when it is not registered.</summary>
    public HostDefinition? FindRegisteredHost(string name) =>
        _registeredHosts.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.Ordinal));

    private List<HostDefinition> Zoned() =>
        [.. _registeredHosts.Select(h => _hostZones.TryGetValue(h.Name, out var zone) && zone != h.AvailabilityZone ? h.InZone(zone) : h)];

    public FlavorDefinition? FindFlavor(string id) => _flavors.ById.GetValueOrDefault(id);

    /// <summary>A configured image; snapshots are found with <see cref="Images.ImageLookup.FindAsync"/>.</summary>
    public ImageDefinition? FindImage(string id) => _images.GetValueOrDefault(id);

    public NetworkDefinition? FindNetwork(string id) => _networks.GetValueOrDefault(id);

    public NetworkDefinition? DefaultNetwork => Networks.FirstOrDefault(n => n.IsDefault) ?? (Networks.Count > 0 ? Networks[0] : null);

    private sealed class FlavorView(long version, IReadOnlyList<FlavorDefinition> all)
    {
        public long Version { get; } = version;

        public IReadOnlyList<FlavorDefinition> All { get; } = all;

        public FrozenDictionary<string, FlavorDefinition> ById { get; } = all.ToFrozenDictionary(f => f.Id, StringComparer.Ordinal);
    }
}

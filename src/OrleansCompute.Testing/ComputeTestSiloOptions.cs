using System.Globalization;
using OrleansCompute.Catalog;

namespace OrleansCompute.Testing;

/// <summary>
/// The control plane's settings for tests, shared by <see cref="ComputeTestHost"/> and the TestCluster extension
/// (<see cref="ComputeTestSiloExtensions.AddOrleansComputeForTests"/>). Durations run on the fake clock.
/// </summary>
public class ComputeTestSiloOptions
{
    private readonly List<Action<CatalogOptions>> _catalog = [];

    /// <summary>Soft delete: a deleted server is reclaimed this long after its deletion. Null (the default): deleted at once.</summary>
    public TimeSpan? SoftDeleteReclaimAfter { get; set; }

    /// <summary>A shelved server is offloaded this long after it was shelved. Null: Nova's default (offloaded at once).</summary>
    public TimeSpan? ShelvedOffloadAfter { get; set; }

    /// <summary>A resize not confirmed within this time is confirmed by the control plane. Null: never.</summary>
    public TimeSpan? ResizeAutoConfirmAfter { get; set; }

    /// <summary>How long the fake driver takes to build a server, on the fake clock.</summary>
    public TimeSpan SpawnTime { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long every other fake driver operation takes, on the fake clock.</summary>
    public TimeSpan OperationTime { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Further settings of the control plane (keys as in configuration, such as <c>Compute:FakeDriver:ConsoleLines:0</c>); they win over the options above.</summary>
    public IDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);

    internal IReadOnlyList<Action<CatalogOptions>> CatalogChanges => _catalog;

    /// <summary>Changes the catalog (flavors, images, networks, hosts) after the defaults are read.</summary>
    /// <param name="configure">The change.</param>
    public ComputeTestSiloOptions ConfigureCatalog(Action<CatalogOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _catalog.Add(configure);
        return this;
    }

    /// <summary>The options as configuration keys of the control plane (<see cref="Settings"/> last, so they win).</summary>
    internal Dictionary<string, string?> ToConfiguration()
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Compute:FakeDriver:SpawnSeconds"] = Seconds(SpawnTime),
            ["Compute:FakeDriver:DefaultSeconds"] = Seconds(OperationTime),
            ["Compute:ReclaimInstanceInterval"] = WholeSeconds(SoftDeleteReclaimAfter, whenNull: 0),
            ["Compute:ShelvedOffloadTime"] = WholeSeconds(ShelvedOffloadAfter, whenNull: 0),
            ["Compute:ResizeConfirmWindow"] = WholeSeconds(ResizeAutoConfirmAfter, whenNull: 0),
        };
        foreach (var (key, value) in Settings)
        {
            values[key] = value;
        }

        return values;
    }

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString(CultureInfo.InvariantCulture);

    /// <summary>Nova counts these in whole seconds; a part of a second rounds up so a short duration stays above 0 (on).</summary>
    private static string WholeSeconds(TimeSpan? value, int whenNull) =>
        (value is { } duration ? (int)Math.Ceiling(duration.TotalSeconds) : whenNull).ToString(CultureInfo.InvariantCulture);
}

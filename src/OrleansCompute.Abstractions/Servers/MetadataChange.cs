namespace OrleansCompute.Servers;

/// <summary>
/// One write to a server's metadata: merge <see cref="Items"/> into it, replace it with them, or delete one key.
/// </summary>
[GenerateSerializer, Immutable, Alias("compute.MetadataChange")]
public sealed record MetadataChange
{
    [Id(0)] public IReadOnlyDictionary<string, string> Items { get; init; } = new Dictionary<string, string>();

    /// <summary>Replace all metadata with <see cref="Items"/> instead of merging.</summary>
    [Id(1)] public bool Replace { get; init; }

    /// <summary>Delete this key (404 when absent); Items is then ignored.</summary>
    [Id(2)] public string? DeleteKey { get; init; }
}

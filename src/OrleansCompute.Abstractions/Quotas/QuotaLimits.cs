namespace OrleansCompute.Quotas;

/// <summary>
/// A project's quota limits (Nova's <c>[quota]</c> names); -1 means unlimited. Bound from <c>Compute:Quota</c>
/// for the defaults, and stored per project when an admin updates <c>os-quota-sets</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("compute.QuotaLimits")]
public sealed record QuotaLimits
{
    public const string SectionName = "Compute:Quota";

    [Id(0)] public int Instances { get; init; } = 10;
    [Id(1)] public int Cores { get; init; } = 20;
    [Id(2)] public int Ram { get; init; } = 51200;
    [Id(3)] public int MetadataItems { get; init; } = 128;
    [Id(4)] public int InjectedFiles { get; init; } = 5;
    [Id(5)] public int InjectedFileContentBytes { get; init; } = 10240;
    [Id(6)] public int InjectedFilePathBytes { get; init; } = 255;
    [Id(7)] public int KeyPairs { get; init; } = 100;
    [Id(8)] public int ServerGroups { get; init; } = 10;
    [Id(9)] public int ServerGroupMembers { get; init; } = 10;

    /// <summary>The quota names as Nova spells them in <c>os-quota-sets</c>, with their values.</summary>
    public IReadOnlyList<(string Name, int Value)> Named() =>
    [
        ("cores", Cores), ("injected_file_content_bytes", InjectedFileContentBytes), ("injected_file_path_bytes", InjectedFilePathBytes),
        ("injected_files", InjectedFiles), ("instances", Instances), ("key_pairs", KeyPairs), ("metadata_items", MetadataItems),
        ("ram", Ram), ("server_group_members", ServerGroupMembers), ("server_groups", ServerGroups),
    ];

    /// <summary>A copy with one named quota changed; unknown names are the caller's to reject.</summary>
    public QuotaLimits With(string name, int value) => name switch
    {
        "cores" => this with { Cores = value },
        "injected_file_content_bytes" => this with { InjectedFileContentBytes = value },
        "injected_file_path_bytes" => this with { InjectedFilePathBytes = value },
        "injected_files" => this with { InjectedFiles = value },
        "instances" => this with { Instances = value },
        "key_pairs" => this with { KeyPairs = value },
        "metadata_items" => this with { MetadataItems = value },
        "ram" => this with { Ram = value },
        "server_group_members" => this with { ServerGroupMembers = value },
        "server_groups" => this with { ServerGroups = value },
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not a quota name."),
    };

    /// <summary>Whether <paramref name="requested"/> more fit next to <paramref name="used"/> under <paramref name="limit"/>.</summary>
    public static bool Fits(int limit, long used, long requested) => limit < 0 || used + requested <= limit;
}

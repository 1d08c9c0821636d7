namespace OrleansCompute.Servers;

/// <summary>One write to a server's tags (2.26): replace all, add one, remove one, or remove all.</summary>
[GenerateSerializer, Immutable, Alias("compute.TagChange")]
public sealed record TagChange
{
    [Id(0)] public required TagChangeKind Kind { get; init; }

    /// <summary>The new set for <see cref="TagChangeKind.ReplaceAll"/>, already validated and de-duplicated.</summary>
    [Id(1)] public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The tag for <see cref="TagChangeKind.Add"/> and <see cref="TagChangeKind.Remove"/>.</summary>
    [Id(2)] public string? Tag { get; init; }
}

/// <summary>What a <see cref="TagChange"/> does.</summary>
[GenerateSerializer, Alias("compute.TagChangeKind")]
public enum TagChangeKind
{
    ReplaceAll,
    Add,
    Remove,
    RemoveAll,
}

/// <summary>The tags after a change, and whether an added tag was new (201) rather than already there (204).</summary>
[GenerateSerializer, Immutable, Alias("compute.TagChangeResult")]
public sealed record TagChangeResult
{
    [Id(0)] public required IReadOnlyList<string> Tags { get; init; }
    [Id(1)] public bool Added { get; init; }
}

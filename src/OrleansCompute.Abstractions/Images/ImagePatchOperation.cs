namespace OrleansCompute.Images;

/// <summary>One JSON patch operation on an image, already checked for shape and type by the API.</summary>
[GenerateSerializer, Immutable, Alias("compute.ImagePatchOperation")]
public sealed record ImagePatchOperation
{
    public const string Add = "add";
    public const string Replace = "replace";
    public const string Remove = "remove";

    [Id(0)] public required string Op { get; init; }
    /// <summary>The property: a base one (<c>name</c>, <c>visibility</c>, <c>tags</c>...) or an additional one.</summary>
    [Id(1)] public required string Property { get; init; }
    [Id(2)] public ImagePropertyValue? Value { get; init; }
}

/// <summary>A property's new value, by type: exactly one of them is set, or none for JSON null.</summary>
[GenerateSerializer, Immutable, Alias("compute.ImagePropertyValue")]
public sealed record ImagePropertyValue
{
    [Id(0)] public string? Text { get; init; }
    [Id(1)] public bool? Flag { get; init; }
    [Id(2)] public long? Number { get; init; }
    [Id(3)] public IReadOnlyList<string>? Items { get; init; }

    public static ImagePropertyValue Null { get; } = new();
}

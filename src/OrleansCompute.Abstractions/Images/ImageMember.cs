namespace OrleansCompute.Images;

/// <summary>A project an image is shared with (Glance's image member) and how it answered.</summary>
[GenerateSerializer, Immutable, Alias("compute.ImageMember")]
public sealed record ImageMember
{
    public const string Pending = "pending";
    public const string Accepted = "accepted";
    public const string Rejected = "rejected";

    public static readonly IReadOnlyList<string> Statuses = [Pending, Accepted, Rejected];

    [Id(0)] public required string ProjectId { get; init; }
    [Id(1)] public required string Status { get; init; }
    [Id(2)] public DateTimeOffset Created { get; init; }
    [Id(3)] public DateTimeOffset Updated { get; init; }
}

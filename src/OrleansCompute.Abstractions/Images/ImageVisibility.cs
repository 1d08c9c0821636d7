namespace OrleansCompute.Images;

/// <summary>Glance's four visibilities.</summary>
public static class ImageVisibility
{
    public const string Public = "public";
    public const string Community = "community";
    public const string Shared = "shared";
    public const string Private = "private";

    public static readonly IReadOnlyList<string> All = [Public, Community, Shared, Private];
}

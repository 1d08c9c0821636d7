namespace OrleansCompute.Images;

/// <summary>
/// The keys of the <see cref="IImageDirectoryGrain"/>s an image is listed in, so that a list reads only the
/// directories the caller may see: its owner's, every project it is shared with, the published ones (public and
/// community) and the one of all images (admins). Real project ids hold neither ':' nor '*'; a reader checks every
/// image it loads against the caller anyway (<see cref="ImageAccess"/>), so a key that collided would show nothing more.
/// </summary>
public static class ImageDirectories
{
    public const string Published = "*published";
    public const string All = "*all";

    public static string Owner(string projectId) => projectId;

    public static string SharedWith(string projectId) => "member:" + projectId;

    /// <summary>Every directory that should list <paramref name="image"/> as it is now.</summary>
    public static IReadOnlyList<string> For(SnapshotImage image)
    {
        var keys = new List<string> { All };
        if (image.OwnerProjectId.Length > 0)
        {
            keys.Add(Owner(image.OwnerProjectId));
        }

        if (image.Visibility is ImageVisibility.Public or ImageVisibility.Community)
        {
            keys.Add(Published);
        }

        if (image.Visibility == ImageVisibility.Shared)
        {
            keys.AddRange(image.Members.Select(m => SharedWith(m.ProjectId)));
        }

        return keys;
    }
}

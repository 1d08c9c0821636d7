using OrleansCompute.Identity;

namespace OrleansCompute.Images;

/// <summary>Glance's default rules of who reads and who changes an image.</summary>
public static class ImageAccess
{
    /// <summary>
    /// Admins; everybody for public, community and unowned images; the owner; for a shared image its members in any
    /// member status. Everybody else gets a 404, as if the image did not exist.
    /// </summary>
    public static bool CanRead(SnapshotImage image, CallerContext caller) =>
        caller.IsAdmin
        || image.OwnerProjectId.Length == 0
        || image.Visibility is ImageVisibility.Public or ImageVisibility.Community
        || IsOwner(image, caller)
        || (image.Visibility == ImageVisibility.Shared && image.MemberOf(caller.ProjectId) is not null);

    /// <summary>Changes (update, upload, tags, delete, members) belong to the owner project and admins.</summary>
    public static bool CanWrite(SnapshotImage image, CallerContext caller) => caller.IsAdmin || IsOwner(image, caller);

    public static bool IsOwner(SnapshotImage image, CallerContext caller) =>
        image.OwnerProjectId.Length > 0 && string.Equals(image.OwnerProjectId, caller.ProjectId, StringComparison.Ordinal);
}

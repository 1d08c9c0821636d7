using OrleansCompute.Faults;
using OrleansCompute.Identity;

namespace OrleansCompute.Images;

/// <summary>
/// Glance's semantics of one patch operation on the record: base properties are set (a remove is 403), additional
/// ones are added, replaced (409 when missing) or removed (409 when missing). The API has checked the shape and
/// the value types already; what depends on the record and the caller is checked here.
/// </summary>
internal static class ImagePatch
{
    public static SnapshotImage Apply(SnapshotImage image, ImagePatchOperation operation, CallerContext caller)
    {
        var property = operation.Property;
        if (ImageProperties.Writable.Contains(property))
        {
            if (operation.Op == ImagePatchOperation.Remove)
            {
                throw ComputeFaultException.Forbidden($"Properties {property} must not be removed.");
            }

            return SetBase(image, property, operation.Value ?? ImagePropertyValue.Null, caller);
        }

        var exists = image.Metadata.ContainsKey(property);
        if (operation.Op != ImagePatchOperation.Add && !exists)
        {
            throw ComputeFaultException.Conflict($"Property {property} does not exist.");
        }

        var metadata = new Dictionary<string, string>(image.Metadata, StringComparer.Ordinal);
        if (operation.Op == ImagePatchOperation.Remove || operation.Value?.Text is null)
        {
            // A declared optional property set to null is shown as absent.
            metadata.Remove(property);
        }
        else
        {
            metadata[property] = operation.Value.Text;
        }

        return image with { Metadata = metadata };
    }

    private static SnapshotImage SetBase(SnapshotImage image, string property, ImagePropertyValue value, CallerContext caller)
    {
        switch (property)
        {
            case ImageProperties.Name:
                return image with { Name = value.Text };
            case ImageProperties.Visibility:
                EnsureVisibilityAllowed(value.Text!, caller);
                return image with { Visibility = value.Text! };
            case ImageProperties.Protected:
                return image with { Protected = value.Flag ?? false };
            case ImageProperties.Hidden:
                return image with { Hidden = value.Flag ?? false };
            case ImageProperties.MinDisk:
                return image with { MinDiskGb = (int)(value.Number ?? 0) };
            case ImageProperties.MinRam:
                return image with { MinRamMb = (int)(value.Number ?? 0) };
            case ImageProperties.Tags:
                return image with { Tags = [.. (value.Items ?? []).Distinct(StringComparer.Ordinal)] };
            case ImageProperties.Owner:
                if (!caller.IsAdmin)
                {
                    throw ComputeFaultException.Forbidden("Attribute owner can be only set by an administrator.");
                }

                return image with { OwnerProjectId = value.Text ?? "" };
            case ImageProperties.DiskFormat:
                EnsureQueued(image, property);
                return image with { DiskFormat = value.Text };
            default:
                EnsureQueued(image, property);
                return image with { ContainerFormat = value.Text };
        }
    }

    /// <summary>Glance: making an image public is for admins (policy <c>publicize_image</c>); community is for owners too.</summary>
    public static void EnsureVisibilityAllowed(string visibility, CallerContext caller)
    {
        if (visibility == ImageVisibility.Public && !caller.IsAdmin)
        {
            throw ComputeFaultException.Forbidden("You are not authorized to complete publicize_image action.");
        }
    }

    private static void EnsureQueued(SnapshotImage image, string property)
    {
        if (image.Status != SnapshotImage.Queued)
        {
            throw ComputeFaultException.Forbidden($"Attribute {property} can be only replaced for a queued image.");
        }
    }
}

using OrleansCompute.Catalog;

namespace OrleansCompute.Api.Servers.Listing;

/// <summary>Attributes a server takes from its image: the kernel and ramdisk ids ("nokernel" and absent mean none).</summary>
internal static class ImageAttributes
{
    public static string KernelOrRamdisk(ImageDefinition? image, string property) =>
        image?.Metadata.GetValueOrDefault(property) is { } value && value != "nokernel" ? value : "";
}

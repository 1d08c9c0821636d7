namespace OrleansCompute.Images;

/// <summary>Glance's image properties: which are base, which read-only, which reserved, and the format enums.</summary>
public static class ImageProperties
{
    public const string Name = "name";
    public const string Visibility = "visibility";
    public const string Protected = "protected";
    public const string Hidden = "os_hidden";
    public const string Owner = "owner";
    public const string DiskFormat = "disk_format";
    public const string ContainerFormat = "container_format";
    public const string MinDisk = "min_disk";
    public const string MinRam = "min_ram";
    public const string Tags = "tags";
    public const string Id = "id";

    /// <summary>Never set by a request: 403 on create and on PATCH.</summary>
    public static readonly IReadOnlySet<string> ReadOnly = new HashSet<string>(StringComparer.Ordinal)
    {
        "status", "size", "virtual_size", "checksum", "os_hash_algo", "os_hash_value", "created_at", "updated_at",
        "self", "file", "schema", "direct_url", "locations",
    };

    /// <summary>The base properties a request may set (besides <c>id</c> at create).</summary>
    public static readonly IReadOnlySet<string> Writable = new HashSet<string>(StringComparer.Ordinal)
    {
        Name, Visibility, Protected, Hidden, Owner, DiskFormat, ContainerFormat, MinDisk, MinRam, Tags,
    };

    /// <summary>Schema-declared optional properties that may be null (Nova sends <c>kernel_id: null</c>).</summary>
    public static readonly IReadOnlySet<string> NullableExtras = new HashSet<string>(StringComparer.Ordinal)
    {
        "kernel_id", "ramdisk_id", "instance_uuid", "architecture", "os_distro", "os_version", "description",
    };

    public static readonly IReadOnlyList<string> DiskFormats = ["ami", "ari", "aki", "vhd", "vhdx", "vmdk", "raw", "qcow2", "vdi", "iso", "ploop"];

    public static readonly IReadOnlyList<string> ContainerFormats = ["ami", "ari", "aki", "bare", "ovf", "ova", "docker", "compressed"];

    /// <summary>Names no request may use (403): Glance keeps them for itself.</summary>
    public static bool IsReserved(string name) =>
        name is "location" or "deleted" or "deleted_at" || name.StartsWith("os_glance", StringComparison.Ordinal);

    public static bool IsBase(string name) => Writable.Contains(name) || ReadOnly.Contains(name) || name == Id;
}

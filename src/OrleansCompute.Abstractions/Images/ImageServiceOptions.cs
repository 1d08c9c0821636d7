namespace OrleansCompute.Images;

/// <summary>The image service (<c>Compute:Images</c>): where data is kept and Glance's limits.</summary>
public sealed class ImageServiceOptions
{
    public const string SectionName = "Compute:Images";

    /// <summary>Where image data goes: <c>directory</c> or <c>database</c> (cluster mode only). Unset: embedded <c>directory</c>, cluster <c>database</c>.</summary>
    public string? Store { get; set; }

    /// <summary>The directory of the <c>directory</c> store; unset: <c>images</c> under <c>Compute:DataDirectory</c>. In cluster mode every silo must see the same one.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>Glance's <c>image_size_cap</c>: the most bytes one image's data may have (413 past it). Default 1 TiB.</summary>
    public long ImageSizeCap { get; set; } = 1L << 40;

    /// <summary>Glance's <c>image_property_quota</c>.</summary>
    public int MaxProperties { get; set; } = 128;

    /// <summary>Glance's <c>image_tag_quota</c>.</summary>
    public int MaxTags { get; set; } = 128;

    /// <summary>Glance's <c>image_member_quota</c>.</summary>
    public int MaxMembers { get; set; } = 128;

    /// <summary>Glance's <c>hashing_algorithm</c>; this service computes <c>sha512</c>.</summary>
    public const string HashAlgorithm = "sha512";
}

namespace OrleansCompute.Volumes;

/// <summary>The one volume type an install has: Cinder's <c>__DEFAULT__</c>, public, without extra specs.</summary>
public static class VolumeTypes
{
    public const string DefaultName = "__DEFAULT__";

    public const string DefaultDescription = "Default Volume Type";

    /// <summary>A fixed id, so that every silo and every restart shows the same one.</summary>
    public static readonly Guid DefaultId = new("5f1b7d2e-0c3a-4f7e-9b1d-6a2c8e4f0d11");

    /// <summary>True for the default type's name or id (what <c>volume_type</c> may name).</summary>
    public static bool IsDefault(string nameOrId) =>
        string.Equals(nameOrId, DefaultName, StringComparison.Ordinal)
        || (Guid.TryParse(nameOrId, out var id) && id == DefaultId);
}

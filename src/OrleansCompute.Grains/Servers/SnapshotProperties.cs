namespace OrleansCompute.Servers;

/// <summary>Which of the base image's properties Nova copies onto a snapshot (nova.compute.utils' non-inheritable list).</summary>
internal static class SnapshotProperties
{
    public static bool Inherited(string key) =>
        key is not ("cinder_encryption_key_id" or "cinder_encryption_key_deletion_policy")
        && !key.StartsWith("img_signature", StringComparison.Ordinal)
        && !key.StartsWith("os_glance", StringComparison.Ordinal);
}

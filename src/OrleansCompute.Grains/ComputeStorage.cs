namespace OrleansCompute;

/// <summary>Names that are part of the stored data: changing one orphans existing state.</summary>
public static class ComputeStorage
{
    /// <summary>The Orleans grain storage provider every OrleansCompute grain uses.</summary>
    public const string ProviderName = "compute";
}

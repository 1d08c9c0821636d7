namespace OrleansCompute.Quotas;

/// <summary>The persisted limits of one quota class, by name.</summary>
[GenerateSerializer, Alias("compute.QuotaClassState")]
public sealed class QuotaClassState
{
    [Id(0)] public Dictionary<string, int> Limits { get; set; } = new(StringComparer.Ordinal);
}

namespace OrleansCompute.Scheduling;

/// <summary>The persisted claims on one host, by consumer id.</summary>
[GenerateSerializer, Alias("compute.HostState")]
public sealed class HostState
{
    [Id(0)] public Dictionary<string, HostClaim> Claims { get; set; } = new(StringComparer.Ordinal);
}

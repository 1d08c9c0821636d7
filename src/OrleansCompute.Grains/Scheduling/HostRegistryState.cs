using OrleansCompute.Catalog;

namespace OrleansCompute.Scheduling;

/// <summary>The persisted compute hosts, in the order they were registered.</summary>
[GenerateSerializer, Alias("compute.HostRegistryState")]
public sealed class HostRegistryState
{
    [Id(0)] public long Version { get; set; }
    [Id(1)] public List<HostDefinition> Hosts { get; set; } = [];
}

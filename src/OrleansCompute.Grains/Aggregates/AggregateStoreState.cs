namespace OrleansCompute.Aggregates;

/// <summary>The persisted aggregates and the next integer id (Nova's ids are never reused).</summary>
[GenerateSerializer, Alias("compute.AggregateStoreState")]
public sealed class AggregateStoreState
{
    [Id(0)] public int NextId { get; set; } = 1;
    [Id(1)] public List<HostAggregate> Aggregates { get; set; } = [];
}

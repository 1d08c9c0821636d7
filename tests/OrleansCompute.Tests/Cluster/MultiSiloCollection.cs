namespace OrleansCompute.Tests.Cluster;

/// <summary>
/// Cluster tests start several real host processes each; run them one after another (not beside each other), so
/// that membership timing on a 2-core machine stays predictable.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MultiSiloCollection
{
    public const string Name = "multi-silo";
}

namespace OrleansCompute.Tests.Cluster;

/// <summary>
/// Cluster tests that measure how soon the survivors of a SIGKILLed silo answer for its grains (the 503 window and
/// its Retry-After, <see cref="ClusterKillTests"/>). They run alone, after every other collection (xunit runs a
/// collection that disables parallelization last), so that the window they assert is membership's own and not a
/// starved CPU's. Other multi-silo tests belong in <see cref="SharedCoresMultiSiloCollection"/>.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MultiSiloCollection
{
    public const string Name = "multi-silo";
}

using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Cluster;

/// <summary>
/// Multi-silo tests that assert no timing of membership: racing creates, snapshot images across nodes, a rolling
/// restart (graceful stops, which membership learns from the leaving silo), a database outage, and the two that kill
/// a silo but only wait, with deadlines far above membership's 8 s, for the cluster to settle (the front's failover,
/// an attach resumed on the survivor). They run beside the other collections instead of in the serial tail, where
/// their waits left both cores idle; here one after another, so that one multi-silo cluster at a time shares the
/// machine. Orleans' own guards against false deaths under load stay on in every silo (see ComputeMembership).
/// </summary>
[CollectionDefinition(Name)]
[CollectionDuration(410)]
public sealed class SharedCoresMultiSiloCollection
{
    public const string Name = "multi-silo-shared-cores";
}

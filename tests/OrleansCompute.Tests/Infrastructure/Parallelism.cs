// Three test collections at a time instead of xunit's default of one per core (2 on CI). Most tests here wait on
// a child process (a host starting, the openstack CLI) or a timer rather than on a core, so two slots left the
// cores idle much of the run. Kept at three, not more: the host start deadline (60 s) and the clients' timeouts
// (30 s) must hold on 2 loaded cores. Only the cluster-kill test, which measures membership's recovery window, runs
// alone after all others (MultiSiloCollection disables parallelization); the longest collections start first
// (LongestCollectionsFirst), so that the slots stay full until that tail.
[assembly: CollectionBehavior(MaxParallelThreads = 3)]
[assembly: TestCollectionOrderer("OrleansCompute.Tests.Infrastructure.LongestCollectionsFirst", "OrleansCompute.Tests")]

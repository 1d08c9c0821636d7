using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace OrleansCompute.Api.Faults;

/// <summary>
/// How long the cluster takes to route around a silo that died, read from the membership settings the silos run
/// with: a silo is suspected after <c>NumMissedProbesLimit</c> probes of <c>ProbeTimeout</c> each, and declared
/// dead one more probe round later, when a second silo's vote joins; then the grain directory forgets its
/// activations and calls activate them on the survivors. That is the 503s' <c>Retry-After</c> (a client that waits
/// it finds the grain moved) and the budget of <see cref="ClusterReadRetryMiddleware"/>.
/// </summary>
internal sealed class ClusterRecovery(IOptions<ClusterMembershipOptions> membership)
{
    /// <summary>From the silo's death to the survivors answering for its grains, at most.</summary>
    public TimeSpan Window { get; } = membership.Value.ProbeTimeout * (membership.Value.NumMissedProbesLimit + 1);

    /// <summary><see cref="Window"/> in whole seconds, rounded up, as <c>Retry-After</c> carries it.</summary>
    public string RetryAfter => ((int)Math.Ceiling(Window.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
}

using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace OrleansCompute.Hosting;

/// <summary>
/// Orleans' membership probing as the silos run it, and as the HTTP tier reads it for the 503s' Retry-After
/// (<c>ClusterRecovery</c>): Compute's defaults, then <c>Compute:Membership</c> as Orleans' own names.
/// </summary>
internal static class ComputeMembership
{
    /// <summary>Orleans' <c>ClusterMembershipOptions</c> bound as they are.</summary>
    public const string SectionName = "Compute:Membership";

    /// <summary>
    /// Orleans probes each silo every <c>ProbeTimeout</c> (5 s) and suspects it after three misses: a SIGKILLed
    /// silo's grains answered 503 for 12 to 15 s. A probe is one small message on a LAN, answered in milliseconds,
    /// so 2 s still leaves a slow silo a thousand times its round trip; the missed-probe count stays 3, so one lost
    /// or late probe never condemns anybody. Three guards of Orleans' own stay on against false deaths under load:
    /// the adaptive timeout grows up to four times this for a silo that answers slowly, a silo whose own health is
    /// degraded (thread-pool stalls) extends its probes' timeouts, and no silo votes against one it has just
    /// received messages from (connection liveness). A dead silo is declared after about 8 s instead of 20.
    /// </summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    public static void Add(IServiceCollection services) =>
        services.AddOptions<ClusterMembershipOptions>()
            .Configure(membership => membership.ProbeTimeout = ProbeTimeout)
            .BindConfiguration(SectionName);
}

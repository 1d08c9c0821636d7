using OrleansCompute.Servers;

namespace OrleansCompute.Scheduling;

/// <summary>What one server of a flavor claims on a host: root and ephemeral disk plus swap, rounded up to whole GB.</summary>
internal static class HostClaimSize
{
    public static int DiskGb(FlavorSnapshot flavor) => flavor.DiskGb + flavor.EphemeralGb + (flavor.SwapMb + 1023) / 1024;

    public static HostClaim For(string consumerId, FlavorSnapshot flavor) => new()
    {
        ConsumerId = consumerId,
        Vcpus = flavor.Vcpus,
        RamMb = flavor.RamMb,
        DiskGb = DiskGb(flavor),
    };
}

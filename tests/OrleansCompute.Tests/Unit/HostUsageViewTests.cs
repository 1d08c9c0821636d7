using OrleansCompute.Scheduling;

namespace OrleansCompute.Tests.Unit;

/// <summary>
/// The scheduler's per-silo view of host usage: what a host grain on the silo publishes is exact and wins over
/// any copy the scheduler read; a copy moves with the scheduler's own claims; a withdrawn host is asked again.
/// </summary>
public sealed class HostUsageViewTests
{
    [Fact]
    public void A_published_usage_is_exact_and_a_read_copy_does_not_replace_it()
    {
        var view = new HostUsageView();
        view.Publish(Usage("h1", usedVcpus: 3));

        view.Remember(Usage("h1", usedVcpus: 1));

        view.IsExact("h1").Should().BeTrue();
        view.TryGet("h1", out var usage).Should().BeTrue();
        usage.UsedVcpus.Should().Be(3, "the host's own publication is newer than any read of it");
    }

    [Fact]
    public void A_withdrawn_host_is_not_trusted_until_read_again()
    {
        var view = new HostUsageView();
        view.Publish(Usage("h1", usedVcpus: 3));

        view.Withdraw("h1");

        view.TryGet("h1", out _).Should().BeFalse();
        view.IsExact("h1").Should().BeFalse();
        view.Remember(Usage("h1", usedVcpus: 4));
        view.TryGet("h1", out var usage).Should().BeTrue();
        usage.UsedVcpus.Should().Be(4);
        view.IsExact("h1").Should().BeFalse("a copy read from a host on another silo is trusted only for a while");
    }

    [Fact]
    public void A_claim_moves_a_read_copy_but_not_a_published_usage()
    {
        var view = new HostUsageView();
        view.Remember(Usage("remote", usedVcpus: 1));
        view.Publish(Usage("local", usedVcpus: 1));
        var claim = new HostClaim { ConsumerId = Guid.NewGuid().ToString(), Vcpus = 2, RamMb = 512, DiskGb = 1 };

        view.Claimed("remote", [claim]);
        view.Claimed("local", [claim]);

        view.TryGet("remote", out var remote).Should().BeTrue();
        remote.UsedVcpus.Should().Be(3);
        remote.Consumers.Should().Be(1);
        view.TryGet("local", out var local).Should().BeTrue();
        local.UsedVcpus.Should().Be(1, "the local host publishes its own usage after the claim");
    }

    private static HostUsage Usage(string host, int usedVcpus) => new()
    {
        Host = host,
        Node = host,
        AvailabilityZone = "nova",
        TotalVcpus = 16,
        TotalRamMb = 32768,
        TotalDiskGb = 100,
        UsedVcpus = usedVcpus,
    };
}

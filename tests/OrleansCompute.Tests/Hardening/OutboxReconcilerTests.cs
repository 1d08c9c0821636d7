using System.Diagnostics.Metrics;
using OrleansCompute.Catalog;
using OrleansCompute.Identity;
using OrleansCompute.Quotas;
using OrleansCompute.Scheduling;
using OrleansCompute.Servers;
using OrleansCompute.Telemetry;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Hardening;

/// <summary>
/// The reconcilers under the outbox (a project's quota, a host's claims) release a claim whose server does not
/// exist once it is older than the grace period, keep the claims of servers that exist and of creates still in
/// flight, and say what they corrected.
/// </summary>
[Collection(OutboxCollection.Name)]
public sealed class OutboxReconcilerTests(OutboxFixture fixture)
{
    [Fact]
    public async Task A_leaked_claim_is_released_after_the_grace_period_and_counted()
    {
        var caller = Caller();
        var project = fixture.Grains.GetGrain<IProjectGrain>(caller.ProjectId);
        var existing = await ActiveServerAsync(caller);
        var leaked = Guid.NewGuid();
        await project.ClaimServersAsync(new InstanceClaim { ServerIds = [leaked], Vcpus = 2, RamMb = 1024 });
        (await project.GetQuotaAsync()).Usage.Instances.Should().Be(2);

        (await project.ReconcileAsync()).Released.Should().BeEmpty("a young claim may belong to a create in flight");

        long counted = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ComputeTelemetry.MeterName && instrument.Name == ComputeTelemetry.QuotaReconciledInstrument)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref counted, value));
        listener.Start();

        fixture.Time.Advance(TimeSpan.FromSeconds(301));
        var correction = await project.ReconcileAsync();

        correction.Released.Should().Equal(leaked);
        correction.Cores.Should().Be(2);
        correction.Ram.Should().Be(1024);
        var usage = (await project.GetQuotaAsync()).Usage;
        usage.Instances.Should().Be(1, "the server that exists keeps its claim");
        usage.Cores.Should().Be(1);
        Interlocked.Read(ref counted).Should().BeGreaterThanOrEqualTo(1);
        (await project.ReconcileAsync()).Released.Should().BeEmpty("a second run finds nothing more");
        existing.Should().NotBe(leaked);
    }

    [Fact]
    public async Task A_project_activation_heals_a_leak()
    {
        var caller = Caller();
        var project = fixture.Grains.GetGrain<IProjectGrain>(caller.ProjectId);
        await project.ClaimServersAsync(new InstanceClaim { ServerIds = [Guid.NewGuid(), Guid.NewGuid()], MinCount = 2, Vcpus = 1, RamMb = 512 });
        fixture.Time.Advance(TimeSpan.FromSeconds(301));

        await fixture.DeactivateAllAsync();

        await Eventually.Until(async () => (await project.GetQuotaAsync()).Usage.Instances, used => used == 0, because: "the activation reconciles");
    }

    [Fact]
    public async Task A_leaked_host_claim_is_released_after_the_grace_period_and_a_live_servers_claim_is_kept()
    {
        var caller = Caller();
        var live = await ActiveServerAsync(caller);
        var host = (await fixture.Grains.GetGrain<IServerGrain>(live).GetAsync(caller)).Host!;
        var grain = fixture.Grains.GetGrain<IHostGrain>(host);
        var leaked = Guid.NewGuid();
        var leakedClaim = new HostClaim { ConsumerId = HostClaim.ConsumerFor(leaked), Vcpus = 1, RamMb = 512, DiskGb = 1 };
        (await grain.ClaimAsync([leakedClaim])).Should().BeTrue();

        await grain.ReconcileAsync();
        var before = (await grain.GetUsageAsync()).Consumers;
        (await grain.ClaimAsync([leakedClaim])).Should().BeTrue();
        (await grain.GetUsageAsync()).Consumers.Should().Be(before, "a young claim may belong to a build in flight: it is kept");
        fixture.Time.Advance(TimeSpan.FromSeconds(301));

        (await grain.ReconcileAsync()).Should().BeGreaterThanOrEqualTo(1);
        var after = await grain.GetUsageAsync();
        after.Consumers.Should().BeLessThan(before);
        (await grain.ReconcileAsync()).Should().Be(0, "what is left belongs to servers that exist");
        (await grain.ClaimAsync([new HostClaim { ConsumerId = HostClaim.ConsumerFor(live), Vcpus = 1, RamMb = 512, DiskGb = 1 }])).Should().BeTrue();
        (await grain.GetUsageAsync()).Consumers.Should().Be(after.Consumers, "the live server's claim was kept, so claiming it again adds nothing");
    }

    private static CallerContext Caller() =>
        new() { UserId = "u", ProjectId = "p-" + Guid.NewGuid().ToString("N")[..8], Roles = ["member"], RequestId = "req-reconcile" };

    private async Task<Guid> ActiveServerAsync(CallerContext caller)
    {
        var server = Guid.NewGuid();
        var flavor = new FlavorSnapshot { Id = "1", Name = "m1.tiny", Vcpus = 1, RamMb = 512, DiskGb = 1 };
        await fixture.Grains.GetGrain<IProjectGrain>(caller.ProjectId).ClaimServersAsync(new InstanceClaim { ServerIds = [server], Vcpus = 1, RamMb = 512 });
        var grain = fixture.Grains.GetGrain<IServerGrain>(server);
        await grain.CreateAsync(new CreateServerCommand
        {
            Caller = caller,
            Name = "kept",
            ImageRef = DefaultCatalog.CirrosImageId,
            Flavor = flavor,
            Networks = [],
            AutoAllocateNetwork = true,
            ReservationId = "r-reconc01",
            Hostname = "kept",
        });
        await Eventually.Until(() => grain.GetAsync(caller), s => s.VmState == VmState.Active);
        return server;
    }
}

using OrleansCompute.Catalog;
using OrleansCompute.Identity;
using OrleansCompute.Quotas;
using OrleansCompute.Scheduling;
using OrleansCompute.ServerGroups;
using OrleansCompute.Servers;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Hardening;

/// <summary>
/// The work a delete leaves to other grains (host claim, quota, group membership, address) is durable: a host
/// release that fails (a dead silo) neither stops the others nor is dropped, and a grain deactivated with work
/// left finishes it when it comes back.
/// </summary>
[Collection(OutboxCollection.Name)]
public sealed class OutboxTests(OutboxFixture fixture)
{
    private static readonly FlavorSnapshot Tiny = new() { Id = "1", Name = "m1.tiny", Vcpus = 1, RamMb = 512, DiskGb = 1 };

    [Fact]
    public async Task A_host_release_that_fails_once_holds_up_nothing_else_and_is_retried_until_it_succeeds()
    {
        var (server, caller, groupId, host) = await ActiveServerAsync();
        var consumer = HostClaim.ConsumerFor(server);
        var claimed = await HostConsumersAsync(host);
        fixture.Faults.Fail(consumer, times: 1);

        await fixture.Grains.GetGrain<IServerGrain>(server).DeleteAsync(caller);

        await Eventually.Until(() => InstancesUsedAsync(caller.ProjectId), used => used == 0, because: "the quota release does not wait for the host");
        await Eventually.Until(() => MembersAsync(groupId, caller), members => !members.Contains(server), because: "the group removal does not wait for the host");
        await Eventually.Until(() => Task.FromResult(fixture.Faults.Successes(consumer)), n => n >= 1, because: "the failed host release is retried");
        fixture.Faults.Attempts(consumer).Should().BeGreaterThanOrEqualTo(2);
        (await HostConsumersAsync(host)).Should().Be(claimed - 1, "the claim is gone from the host");
    }

    [Fact]
    public async Task A_grain_deactivated_with_work_left_finishes_it_when_it_comes_back()
    {
        var (server, caller, _, host) = await ActiveServerAsync();
        var consumer = HostClaim.ConsumerFor(server);
        var claimed = await HostConsumersAsync(host);
        fixture.Faults.Fail(consumer, int.MaxValue);

        await fixture.Grains.GetGrain<IServerGrain>(server).DeleteAsync(caller);
        await Eventually.Until(() => InstancesUsedAsync(caller.ProjectId), used => used == 0);
        await Eventually.Until(() => Task.FromResult(fixture.Faults.Attempts(consumer)), n => n >= 1);
        (await HostConsumersAsync(host)).Should().Be(claimed, "the host release keeps failing");

        // The silo "restarts": the server's activation (and its retry timer) goes; only its stored outbox remains.
        await fixture.DeactivateAllAsync();
        fixture.Faults.Heal(consumer);

        // The reminder (or any call) activates it again, and the activation runs what the outbox holds.
        await Eventually.Until(() => HostConsumersAsync(host), n => n == claimed - 1, TimeSpan.FromSeconds(30), because: "the outbox survives the deactivation");
        fixture.Faults.Successes(consumer).Should().BeGreaterThanOrEqualTo(1);
    }

    /// <summary>A server ACTIVE on a host, in a group, with its quota claimed (as the create saga leaves it), in a project of its own.</summary>
    private async Task<(Guid Server, CallerContext Caller, Guid Group, string Host)> ActiveServerAsync()
    {
        var caller = new CallerContext { UserId = "u", ProjectId = "p-" + Guid.NewGuid().ToString("N")[..8], Roles = ["member"], RequestId = "req-outbox" };
        var server = Guid.NewGuid();
        var groupId = Guid.NewGuid();
        await fixture.Grains.GetGrain<IServerGroupGrain>(groupId).CreateAsync(new ServerGroup
        {
            Id = groupId, Name = "g", Policy = "soft-affinity", ProjectId = caller.ProjectId, UserId = caller.UserId,
        });
        await fixture.Grains.GetGrain<IProjectGrain>(caller.ProjectId).ClaimServersAsync(new InstanceClaim { ServerIds = [server], Vcpus = Tiny.Vcpus, RamMb = Tiny.RamMb });
        (await fixture.Grains.GetGrain<IServerGroupGrain>(groupId).AddMembersAsync(new Dictionary<Guid, string?> { [server] = null }, memberLimit: -1)).Should().BeTrue();
        var grain = fixture.Grains.GetGrain<IServerGrain>(server);
        await grain.CreateAsync(new CreateServerCommand
        {
            Caller = caller,
            Name = "outbox",
            ImageRef = DefaultCatalog.CirrosImageId,
            Flavor = Tiny,
            Networks = [],
            AutoAllocateNetwork = true,
            ReservationId = "r-outbox01",
            Hostname = "outbox",
            ServerGroupId = groupId,
        });
        var active = await Eventually.Until(() => grain.GetAsync(caller), s => s.VmState == VmState.Active, because: "the instant driver builds at once");
        active.Host.Should().NotBeNull();
        (await InstancesUsedAsync(caller.ProjectId)).Should().Be(1);
        return (server, caller, groupId, active.Host!);
    }

    private async Task<int> InstancesUsedAsync(string projectId) =>
        (await fixture.Grains.GetGrain<IProjectGrain>(projectId).GetQuotaAsync()).Usage.Instances;

    private async Task<IReadOnlyCollection<Guid>> MembersAsync(Guid groupId, CallerContext caller) =>
        (await fixture.Grains.GetGrain<IServerGroupGrain>(groupId).FindAsync(caller))!.Members.Keys.ToArray();

    private async Task<int> HostConsumersAsync(string host) =>
        (await fixture.Grains.GetGrain<IHostGrain>(host).GetUsageAsync()).Consumers;
}

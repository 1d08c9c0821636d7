using OrleansCompute.Catalog;
using OrleansCompute.Identity;
using OrleansCompute.Migrations;
using OrleansCompute.Quotas;
using OrleansCompute.Servers;
using OrleansCompute.Servers.Actions;
using OrleansCompute.Tests.Hardening;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Operator;

/// <summary>
/// A migration record's end is durable: when the migration index cannot be reached as a live migration ends, the
/// server still ends on its new host, the status waits in the server's outbox (surviving a deactivation), and the
/// record completes once the index answers again.
/// </summary>
[Collection(OutboxCollection.Name)]
public sealed class MigrationRecordOutboxTests(OutboxFixture fixture)
{
    private static readonly FlavorSnapshot Tiny = new() { Id = "1", Name = "m1.tiny", Vcpus = 1, RamMb = 512, DiskGb = 1 };

    [Fact]
    public async Task A_live_migration_that_ends_while_the_index_is_unreachable_completes_its_record_later()
    {
        var admin = new CallerContext { UserId = "admin", ProjectId = "p-" + Guid.NewGuid().ToString("N")[..8], Roles = ["admin", "member"], RequestId = "req-migration-outbox" };
        var server = Guid.NewGuid();
        var grain = fixture.Grains.GetGrain<IServerGrain>(server);
        await fixture.Grains.GetGrain<IProjectGrain>(admin.ProjectId).ClaimServersAsync(new InstanceClaim { ServerIds = [server], Vcpus = Tiny.Vcpus, RamMb = Tiny.RamMb });
        await grain.CreateAsync(new CreateServerCommand
        {
            Caller = admin,
            Name = "moved",
            ImageRef = DefaultCatalog.CirrosImageId,
            Flavor = Tiny,
            Networks = [],
            AutoAllocateNetwork = true,
            ReservationId = "r-migoutbox",
            Hostname = "moved",
        });
        var source = (await Eventually.Until(() => grain.GetAsync(admin), s => s.VmState == VmState.Active, because: "the instant driver builds at once")).Host;

        fixture.MigrationFaults.Fail(server);
        await grain.ActAsync(new ServerActionCommand { Caller = admin with { RequestId = "req-live" }, Action = ServerActionKind.LiveMigrate });
        var moved = await Eventually.Until(() => grain.GetAsync(admin), s => s.VmState == VmState.Active && s.TaskState is null && s.Host != source,
            because: "the server's move does not wait for its record");
        await Eventually.Until(() => Task.FromResult(fixture.MigrationFaults.Attempts(server)), n => n >= 1);
        var index = fixture.Grains.GetGrain<IMigrationIndexGrain>(IMigrationIndexGrain.Key);
        (await index.ListAsync(server)).Should().ContainSingle().Which.Status.Should().Be(MigrationStatuses.Running, "the index could not be told");

        // The silo "restarts" with the status still undelivered: only the stored outbox (and its reminder) remain.
        await fixture.DeactivateAllAsync();
        fixture.MigrationFaults.Heal(server);

        var record = await Eventually.Until(async () => (await index.ListAsync(server)).Single(), r => r.Status == MigrationStatuses.Completed,
            TimeSpan.FromSeconds(30), because: "the outbox delivers the status once the index answers");
        record.DestCompute.Should().Be(moved.Host);
    }
}

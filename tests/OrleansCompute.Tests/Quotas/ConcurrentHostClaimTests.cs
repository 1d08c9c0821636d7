using OrleansCompute.Scheduling;
using OrleansCompute.Servers;
using OrleansCompute.Tests.Hardening;

namespace OrleansCompute.Tests.Quotas;

/// <summary>
/// The host grain is reentrant (issue 19), as the project grain: a batch's claims are checked against the capacity
/// in one turn and share their durable writes. The races that must hold: a host is never filled past its capacity,
/// and a recount that reads the index while claims and releases go on keeps each of them.
/// </summary>
[Collection(OutboxCollection.Name)]
public sealed class ConcurrentHostClaimTests(OutboxFixture fixture)
{
    private const string Host = "compute-3";
    private const string Project = "p-hostrace";

    [Fact]
    public async Task Racing_claims_fill_a_host_exactly_to_its_capacity()
    {
        var host = fixture.Grains.GetGrain<IHostGrain>(Host);
        var before = await host.GetUsageAsync();
        // Sized so that exactly ten fit in the RAM left.
        var size = before.FreeRamMb / 10;
        var consumers = Enumerable.Range(0, 30).Select(_ => HostClaim.ConsumerFor(Guid.NewGuid())).ToArray();
        var answers = await Task.WhenAll(consumers.Select(async c => (Consumer: c, Claimed: await host.ClaimAsync([new HostClaim { ConsumerId = c, Vcpus = 0, RamMb = size, DiskGb = 0 }]))));
        var claimed = answers.Where(a => a.Claimed).Select(a => a.Consumer).ToList();
        try
        {
            claimed.Should().HaveCount(10, "the last place goes to exactly one of the racing claims");
            var after = await host.GetUsageAsync();
            after.UsedRamMb.Should().Be(before.UsedRamMb + (10 * size));
            after.FreeRamMb.Should().BeGreaterThanOrEqualTo(0).And.BeLessThan(size);
        }
        finally
        {
            await Task.WhenAll(claimed.Select(c => host.ReleaseAsync(c)));
        }

        (await host.GetUsageAsync()).UsedRamMb.Should().Be(before.UsedRamMb, "every claim was released");
    }

    [Fact]
    public async Task A_host_recount_keeps_the_claims_and_releases_made_while_it_read_the_index()
    {
        var host = fixture.Grains.GetGrain<IHostGrain>(Host);
        var confirmed = Enumerable.Range(0, 40).Select(_ => Guid.NewGuid()).ToArray();
        await Task.WhenAll(confirmed.Select(id => fixture.Index.UpsertAsync(IndexRows.Server(id, Project, Host))));
        await host.ReconcileAsync();
        var before = await host.GetUsageAsync();

        var pause = fixture.Index.PauseQueriesOfHost(Host);
        var recount = host.ReconcileAsync();
        await pause.Reached.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // While the recount holds what it read: servers deleted (their index row first, then their release, as a
        // server does) and new claims.
        var deleted = confirmed.Take(20).ToArray();
        await Task.WhenAll(deleted.Select(async id =>
        {
            await fixture.Index.UpsertAsync(IndexRows.Server(id, Project, Host, revision: 2, deleted: true));
            await host.ReleaseAsync(HostClaim.ConsumerFor(id));
        }));
        var claimed = Enumerable.Range(0, 10).Select(_ => HostClaim.ConsumerFor(Guid.NewGuid())).ToArray();
        (await Task.WhenAll(claimed.Select(c => host.ClaimAsync([new HostClaim { ConsumerId = c, Vcpus = 2, RamMb = 1024, DiskGb = 1 }])))).Should().OnlyContain(ok => ok);
        recount.IsCompleted.Should().BeFalse("the recount is still held after its read");
        pause.Resume();
        await recount;

        try
        {
            var after = await host.GetUsageAsync();
            after.Consumers.Should().Be(before.Consumers - deleted.Length + claimed.Length, "the recount read the deleted servers as here, yet their releases stand, and it kept the new claims");
            after.UsedRamMb.Should().Be(before.UsedRamMb - (1024 * deleted.Length) + (1024 * claimed.Length));
            await host.ReconcileAsync();
            (await host.GetUsageAsync()).Consumers.Should().Be(after.Consumers, "a recount after the race agrees");
        }
        finally
        {
            await Task.WhenAll(claimed.Select(c => host.ReleaseAsync(c)));
            await Task.WhenAll(confirmed.Skip(20).Select(id => fixture.Index.UpsertAsync(IndexRows.Server(id, Project, Host, revision: 2, deleted: true))));
            await Task.WhenAll(confirmed.Skip(20).Select(id => host.ReleaseAsync(HostClaim.ConsumerFor(id))));
        }
    }
}

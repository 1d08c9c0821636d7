using Orleans.Storage;
using OrleansCompute.Faults;
using OrleansCompute.Quotas;
using OrleansCompute.Servers;
using OrleansCompute.Tests.Hardening;

namespace OrleansCompute.Tests.Quotas;

/// <summary>
/// The project grain is reentrant (issue 19): claims are checked in memory one turn at a time and share their
/// durable writes. These races check what must still hold: the limit is never passed, every granted claim is
/// stored before it is answered, and a recount that reads the index while claims and releases go on keeps each
/// of them.
/// </summary>
[Collection(OutboxCollection.Name)]
public sealed class ConcurrentClaimTests(OutboxFixture fixture)
{
    [Fact]
    public async Task Racing_claims_in_one_project_get_exactly_its_limit_and_every_granted_claim_is_stored()
    {
        var projectId = NewProject();
        var project = fixture.Grains.GetGrain<IProjectGrain>(projectId);
        await project.UpdateLimitsAsync(new Dictionary<string, int> { ["instances"] = 40, ["cores"] = -1, ["ram"] = -1 }, force: false);

        var ids = Enumerable.Range(0, 160).Select(_ => Guid.NewGuid()).ToArray();
        var answers = await Task.WhenAll(ids.Select(async id =>
        {
            try
            {
                return (Id: id, Granted: await project.ClaimServersAsync(new InstanceClaim { ServerIds = [id], Vcpus = 1, RamMb = 512 }));
            }
            catch (ComputeFaultException fault) when (fault.StatusCode == 403)
            {
                return (Id: id, Granted: 0);
            }
        }));

        var granted = answers.Where(a => a.Granted == 1).Select(a => a.Id).ToList();
        granted.Should().HaveCount(40, "the last free slot goes to exactly one of the racing claims");
        (await project.GetQuotaAsync()).Usage.Instances.Should().Be(40);
        var stored = await StoredAsync(projectId);
        stored.Servers.Keys.Should().BeEquivalentTo(granted, "every answered claim was written before its answer, and no refused one");
    }

    [Fact]
    public async Task A_recount_keeps_the_claims_and_releases_made_while_it_read_the_index()
    {
        var projectId = NewProject();
        var confirmed = Enumerable.Range(0, 300).Select(_ => Guid.NewGuid()).ToArray();
        await Task.WhenAll(confirmed.Select(id => fixture.Index.UpsertAsync(IndexRows.Server(id, projectId))));
        var project = fixture.Grains.GetGrain<IProjectGrain>(projectId);
        await project.UpdateLimitsAsync(new Dictionary<string, int> { ["instances"] = -1, ["cores"] = -1, ["ram"] = -1 }, force: false);
        (await project.GetQuotaAsync()).Usage.Instances.Should().Be(300);

        var pause = fixture.Index.PauseQueriesOf(projectId);
        var recount = project.ReconcileAsync();
        await pause.Reached.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // While the recount holds what it read: servers deleted (as a server does: its index row says deleted
        // before its release arrives) and new claims.
        var deleted = confirmed.Take(100).ToArray();
        await Task.WhenAll(deleted.Select(async id =>
        {
            await fixture.Index.UpsertAsync(IndexRows.Server(id, projectId, revision: 2, deleted: true));
            await project.ReleaseServerAsync(id);
        }));
        var claimed = Enumerable.Range(0, 50).Select(_ => Guid.NewGuid()).ToArray();
        await Task.WhenAll(claimed.Select(id => project.ClaimServersAsync(new InstanceClaim { ServerIds = [id], Vcpus = 2, RamMb = 1024 })));
        recount.IsCompleted.Should().BeFalse("the recount is still held after its read");
        pause.Resume();
        (await recount).Released.Should().BeEmpty("the claims made during the recount are young");

        var expected = confirmed.Length - deleted.Length + claimed.Length;
        var usage = (await project.GetQuotaAsync()).Usage;
        usage.Instances.Should().Be(expected, "the recount read the deleted servers as counted, yet their releases stand, and it kept the new claims");
        usage.Cores.Should().Be(2 * expected);
        (await project.ReconcileAsync()).Released.Should().BeEmpty();
        (await project.GetQuotaAsync()).Usage.Instances.Should().Be(expected, "a recount after the race agrees");

        await fixture.DeactivateAllAsync();
        (await project.GetQuotaAsync()).Usage.Instances.Should().Be(expected, "the next activation counts the same from the index and the stored claims");
        (await StoredAsync(projectId)).Servers.Keys.Should().BeEquivalentTo(claimed, "only the claims the index does not confirm are stored");
    }

    [Fact]
    public async Task Claims_whose_shared_write_fails_all_fail_and_hold_nothing()
    {
        var projectId = NewProject();
        var project = fixture.Grains.GetGrain<IProjectGrain>(projectId);
        await project.UpdateLimitsAsync(new Dictionary<string, int> { ["instances"] = 10, ["cores"] = -1, ["ram"] = -1 }, force: false);

        fixture.Storage.FailWritesOf(GrainId.Create("compute-project", projectId));
        string[] answers;
        try
        {
            answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
            {
                try
                {
                    return "granted " + await project.ClaimServersAsync(new InstanceClaim { ServerIds = [Guid.NewGuid()], Vcpus = 1, RamMb = 512 });
                }
                catch (ComputeFaultException fault) when (fault.StatusCode == 403)
                {
                    // Claims still waiting for their write count: past 10 of them, the others are over the limit.
                    return "over quota";
                }
                catch (Exception)
                {
                    return "write failed";
                }
            }));
        }
        finally
        {
            fixture.Storage.Heal();
        }

        answers.Should().NotContain(a => a.StartsWith("granted", StringComparison.Ordinal), "no claim is answered before its write, and every write failed");
        answers.Should().Contain("write failed");
        (await project.GetQuotaAsync()).Usage.Instances.Should().Be(0, "a claim whose write failed holds nothing");

        var ids = Enumerable.Range(0, 15).Select(_ => Guid.NewGuid()).ToArray();
        var granted = await Task.WhenAll(ids.Select(async id =>
        {
            try
            {
                return await project.ClaimServersAsync(new InstanceClaim { ServerIds = [id], Vcpus = 1, RamMb = 512 }) == 1 ? id : Guid.Empty;
            }
            catch (ComputeFaultException fault) when (fault.StatusCode == 403)
            {
                return Guid.Empty;
            }
        }));
        granted.Where(id => id != Guid.Empty).Should().HaveCount(10, "the whole limit is free again once storage takes writes");
        (await StoredAsync(projectId)).Servers.Keys.Should().BeEquivalentTo(granted.Where(id => id != Guid.Empty));
    }

    [Fact]
    public async Task A_claim_that_finds_its_state_written_elsewhere_is_a_retryable_outage_and_the_next_activation_counts_from_storage()
    {
        // Two activations of one project can briefly exist while the membership changes; the one whose write meets
        // the other's version must not answer a 500, nor go on from its stale memory.
        var projectId = NewProject();
        var project = fixture.Grains.GetGrain<IProjectGrain>(projectId);
        await project.UpdateLimitsAsync(new Dictionary<string, int> { ["instances"] = 10, ["cores"] = -1, ["ram"] = -1 }, force: false);
        var kept = Guid.NewGuid();
        await project.ClaimServersAsync(new InstanceClaim { ServerIds = [kept], Vcpus = 1, RamMb = 512 });

        fixture.Storage.FailWritesOf(GrainId.Create("compute-project", projectId), () => new InconsistentStateException("Version conflict (WriteState)", "stored", "mine"));
        Func<Task> claim = () => project.ClaimServersAsync(new InstanceClaim { ServerIds = [Guid.NewGuid()], Vcpus = 1, RamMb = 512 });
        try
        {
            await claim.Should().ThrowAsync<StorageUnavailableException>("the caller may retry: the state changed elsewhere");
        }
        finally
        {
            fixture.Storage.Heal();
        }

        var usage = (await project.GetQuotaAsync()).Usage;
        usage.Instances.Should().Be(1, "the refused claim holds nothing; the stored claim still counts");
        await claim.Should().NotThrowAsync("once the stale activation has gone, the next one writes from storage's version");
        (await StoredAsync(projectId)).Servers.Should().HaveCount(2);
    }

    private async Task<ProjectState> StoredAsync(string projectId)
    {
        var stored = new GrainState<ProjectState>();
        await fixture.Storage.ReadStateAsync("project", GrainId.Create("compute-project", projectId), stored);
        return stored.State!;
    }

    private static string NewProject() => "p-" + Guid.NewGuid().ToString("N")[..8];
}

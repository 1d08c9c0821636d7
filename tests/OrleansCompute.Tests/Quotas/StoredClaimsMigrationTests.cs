using Orleans.Storage;
using OrleansCompute.Faults;
using OrleansCompute.Quotas;
using OrleansCompute.Scheduling;
using OrleansCompute.Servers;
using OrleansCompute.Tests.Hardening;

namespace OrleansCompute.Tests.Quotas;

/// <summary>
/// Before issue 19 a project stored every server's quota claim and a host every claim on it, and rewrote them all
/// on each claim. Such a stored state is read as before: the activation recounts from the server index, counts
/// what the index does not confirm from the stored claims, and shrinks the stored state to those.
/// </summary>
[Collection(OutboxCollection.Name)]
public sealed class StoredClaimsMigrationTests(OutboxFixture fixture)
{
    [Fact]
    public async Task A_project_stored_with_every_servers_claim_counts_the_same_and_keeps_only_the_unconfirmed_ones()
    {
        var projectId = "p-" + Guid.NewGuid().ToString("N")[..8];
        var confirmed = new[] { Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid() };
        foreach (var serverId in confirmed)
        {
            await fixture.Index.UpsertAsync(IndexRows.Server(serverId, projectId));
        }

        var inFlight = Guid.NewGuid();
        var old = new ProjectState { Limits = { ["instances"] = 5 } };
        foreach (var serverId in confirmed)
        {
            old.Servers[serverId] = new ServerQuotaUsage { Vcpus = 2, RamMb = 1024, ClaimedAt = fixture.Time.GetUtcNow() };
        }

        old.Servers[inFlight] = new ServerQuotaUsage { Vcpus = 1, RamMb = 512, ClaimedAt = fixture.Time.GetUtcNow() };
        var grainId = GrainId.Create("compute-project", projectId);
        await fixture.Storage.WriteStateAsync("project", grainId, new GrainState<ProjectState>(old));

        var project = fixture.Grains.GetGrain<IProjectGrain>(projectId);
        var usage = (await project.GetQuotaAsync()).Usage;

        usage.Instances.Should().Be(4);
        usage.Cores.Should().Be(7);
        usage.Ram.Should().Be(3584);
        var stored = new GrainState<ProjectState>();
        await fixture.Storage.ReadStateAsync("project", grainId, stored);
        stored.State!.Servers.Keys.Should().Equal([inFlight], "the index confirms the others");
        stored.State.Limits.Should().ContainKey("instances");

        await project.ClaimServersAsync(new InstanceClaim { ServerIds = [confirmed[0], Guid.NewGuid()], MinCount = 2, Vcpus = 1, RamMb = 512 });
        (await project.GetQuotaAsync()).Usage.Instances.Should().Be(5, "a server already counted is not counted twice");
        var full = async () => await project.ClaimServersAsync(new InstanceClaim { ServerIds = [Guid.NewGuid()], Vcpus = 1, RamMb = 512 });
        (await full.Should().ThrowAsync<ComputeFaultException>("the project's limit of 5 instances is reached")).Which.StatusCode.Should().Be(403);
    }

    [Fact]
    public async Task A_host_stored_with_every_claim_counts_the_same_and_keeps_only_the_unconfirmed_ones()
    {
        const string host = "compute-3";
        var confirmed = new[] { Guid.NewGuid(), Guid.NewGuid() };
        foreach (var serverId in confirmed)
        {
            await fixture.Index.UpsertAsync(IndexRows.Server(serverId, "p-" + Guid.NewGuid().ToString("N")[..8], host));
        }

        var leaked = HostClaim.ConsumerFor(Guid.NewGuid());
        var grainId = GrainId.Create("compute-host", host);
        var stored = new GrainState<HostState>();
        await fixture.Storage.ReadStateAsync("host", grainId, stored);
        stored.State ??= new HostState();
        foreach (var serverId in confirmed)
        {
            stored.State.Claims[HostClaim.ConsumerFor(serverId)] = new HostClaim { ConsumerId = HostClaim.ConsumerFor(serverId), Vcpus = 2, RamMb = 1024, DiskGb = 1, ClaimedAt = fixture.Time.GetUtcNow() };
        }

        stored.State.Claims[leaked] = new HostClaim { ConsumerId = leaked, Vcpus = 1, RamMb = 512, DiskGb = 1, ClaimedAt = fixture.Time.GetUtcNow() };
        await fixture.Storage.WriteStateAsync("host", grainId, stored);
        await fixture.DeactivateAllAsync();

        var grain = fixture.Grains.GetGrain<IHostGrain>(host);
        var usage = await grain.GetUsageAsync();

        var after = new GrainState<HostState>();
        await fixture.Storage.ReadStateAsync("host", grainId, after);
        after.State!.Claims.Keys.Should().Contain(leaked).And.NotContain(confirmed.Select(HostClaim.ConsumerFor), "the index confirms them");
        usage.Consumers.Should().BeGreaterThanOrEqualTo(3);
        var claims = confirmed.Select(id => new HostClaim { ConsumerId = HostClaim.ConsumerFor(id), Vcpus = 2, RamMb = 1024, DiskGb = 1 }).Append(new HostClaim { ConsumerId = leaked, Vcpus = 1, RamMb = 512, DiskGb = 1 }).ToList();
        (await grain.ClaimAsync(claims)).Should().BeTrue();
        (await grain.GetUsageAsync()).Consumers.Should().Be(usage.Consumers, "all three are counted: claiming them again adds nothing");
    }
}

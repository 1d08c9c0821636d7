using System.Net;
using OrleansCompute.Tests.Http;
using OrleansCompute.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OrleansCompute.Tests.Cluster;

/// <summary>
/// Three real silos on PostgreSQL (deploy/local-cluster.sh); one is SIGKILLed while builds, reboots, soft
/// deletes and hard deletes run on it and reclaim reminders are pending. After the dust settles the quota and the
/// hosts' claims equal what the servers that exist hold (issue 14: a delete in flight at the kill leaked both).
/// </summary>
[Collection(MultiSiloCollection.Name)]
public sealed class ClusterKillTests(ITestOutputHelper output)
{
    // The silos' recovery window in whole seconds (ComputeMembership.ProbeTimeout × (3 missed probes + 1)), and
    // the longest the survivors may answer 503 for the dead silo's servers: that window with room for a loaded machine.
    private const string RecoverySeconds = "8";
    private static readonly TimeSpan UnavailableBound = TimeSpan.FromSeconds(16);

    // Soft-deleted (their reclaim is a reminder), rebooting, and building when the silo dies.
    private const int Reclaimed = 12;
    private const int Rebooted = 6;
    private const int Built = 16;
    private const int Destroyed = 8;

    [Fact]
    public async Task After_a_SIGKILL_nothing_is_lost_in_flight_work_finishes_reminders_fire_and_every_server_is_readable_once()
    {
        await using var database = await ClusterDatabase.CreateAsync();
        await using var cluster = new LocalCluster(database.ConnectionString);
        var urls = await cluster.UpAsync(
            3,
            "--Compute:FakeDriver:SpawnSeconds=6",
            "--Compute:FakeDriver:DefaultSeconds=6",
            "--Compute:ReclaimInstanceInterval=40",
            "--Compute:MinimumReminderPeriod=2",
            "--Compute:Quota:Instances=100",
            "--Compute:Quota:Cores=200",
            "--Compute:Quota:Ram=1000000");
        var nodes = urls.Select(url => new NovaClient(new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60), DefaultRequestHeaders = { { "X-Auth-Token", "demo:demo" } } })).ToArray();
        var retrying = new RetryingNova();

        // Servers that will be ACTIVE first: created through node 1, settled as listed by node 2.
        var reclaimed = new List<Guid>();
        var rebooted = new List<Guid>();
        var destroyed = new List<Guid>();
        for (var i = 0; i < Reclaimed + Rebooted + Destroyed; i++)
        {
            var id = Guid.Parse(await nodes[0].CreateServerAsync($"early-{i}"));
            (i < Reclaimed ? reclaimed : i < Reclaimed + Rebooted ? rebooted : destroyed).Add(id);
        }

        await Eventually.Until(() => ListAsync(nodes[1]), list => list.Count == Reclaimed + Rebooted + Destroyed && list.All(s => s.Status == "ACTIVE"), TimeSpan.FromSeconds(60));

        // Soft deletes through node 3 (their reclaims are reminders); then, in flight at the kill, reboots through
        // node 2 and builds through node 1, each readable at once through another node.
        foreach (var id in reclaimed)
        {
            (await nodes[2].DeleteAsync($"/v2.1/servers/{id}")).Status.Should().Be(HttpStatusCode.NoContent);
        }

        // The soft deletes finish first, so that every reclaim reminder is registered before the kill and comes due
        // after membership has declared the silo dead (40 s on): the dead silo's share of the reminder ring must then
        // fire on the survivors.
        await Eventually.Until(
            () => ListAsync(nodes[1], everything: true),
            list => list.Count(s => reclaimed.Contains(s.Id) && s.Status == "SOFT_DELETED" && s.TaskState == null) == Reclaimed,
            TimeSpan.FromSeconds(60),
            because: "the soft deletes finish");

        foreach (var id in rebooted)
        {
            var reboot = await nodes[1].PostAsync($"/v2.1/servers/{id}/action", """{"reboot": {"type": "SOFT"}}""");
            reboot.Status.Should().Be(HttpStatusCode.Accepted, reboot.Body);
        }

        var built = new List<Guid>();
        for (var i = 0; i < Built; i++)
        {
            built.Add(Guid.Parse(await nodes[0].CreateServerAsync($"kill-{i}")));
        }

        foreach (var id in built)
        {
            var read = await nodes[1].GetAsync($"/v2.1/servers/{id}");
            read.Status.Should().Be(HttpStatusCode.OK, read.Body);
            read.Json["server"]!["status"]!.GetValue<string>().Should().Be("BUILD");
        }

        // Hard deletes in flight at the kill (forceDelete: DELETE soft-deletes here): each ends by releasing its host
        // claim, quota and addresses, work the dead silo's grains take part in.
        foreach (var id in destroyed)
        {
            var delete = await nodes[2].PostAsync($"/v2.1/servers/{id}/action", """{"forceDelete": null}""");
            delete.Status.Should().Be(HttpStatusCode.Accepted, delete.Body);
        }

        // Kill the silo that holds the most of them, and check that it really held in-flight work.
        List<Guid> all = [.. reclaimed, .. rebooted, .. built, .. destroyed];
        int victim;
        HashSet<Guid> onVictim;
        await using (var inspector = await ClusterInspector.ConnectAsync(database.ConnectionString))
        {
            var ports = new Dictionary<Guid, int?>();
            foreach (var id in all)
            {
                ports[id] = await inspector.SiloPortOfAsync(id);
            }

            victim = Enumerable.Range(1, 3).MaxBy(silo => ports.Values.Count(port => port == cluster.SiloPort(silo)));
            onVictim = [.. all.Where(id => ports[id] == cluster.SiloPort(victim))];
        }

        var inFlight = await ListAsync(nodes[victim == 1 ? 1 : 0]);
        onVictim.Should().Contain(id => inFlight.Any(s => s.Id == id && s.TaskState != null),
            "the killed silo must hold builds or actions that are still running");
        (await database.ScalarAsync("SELECT count(*) FROM orleansreminderstable WHERE remindername = 'reclaim';"))
            .Should().Be(Reclaimed, "every reclaim reminder is registered before the kill");

        var killedAt = System.Diagnostics.Stopwatch.GetTimestamp();
        await cluster.KillAsync(victim);
        var survivors = Enumerable.Range(1, 3).Where(silo => silo != victim).Select(silo => nodes[silo - 1]).ToArray();

        // The survivors answer for the dead silo's servers within the membership's recovery window (ProbeTimeout 2 s,
        // three missed probes and a vote: 8 s), reads retried inside the API meanwhile; a 503 says that window.
        var window = await UnavailabilityWindow.MeasureAsync(killedAt, survivors, onVictim, UnavailableBound);
        output.WriteLine($"503 window after the kill: {window.Length.TotalSeconds:F1} s ({window.Unavailable} reads answered 503)");
        window.Failures.Should().BeEmpty();
        window.RetryAfters.Should().AllBe(RecoverySeconds, "Retry-After is the membership's recovery window");
        window.Length.Should().BeLessThan(UnavailableBound);

        // Only the index is read here, so nothing but the cluster itself can finish the dead silo's work: every
        // build and reboot ends ACTIVE, every soft delete ends, and every reclaim reminder fires (those the dead
        // silo owned included: its share of the reminder ring moves to the survivors) and hard-deletes its server.
        var expected = all.ToDictionary(id => id, id => reclaimed.Contains(id) || destroyed.Contains(id) ? "DELETED" : "ACTIVE");
        List<ListedServer> settled = [];
        try
        {
            await Eventually.Until(
                async () => settled = await ListAsync(survivors[0], everything: true),
                list => list.Count == all.Count && list.All(s => s.TaskState is null && expected.GetValueOrDefault(s.Id) == s.Status),
                TimeSpan.FromSeconds(150),
                because: "every server of the dead silo should settle");
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{ListedServers.Describe(settled)}\n{cluster.Logs()}");
        }

        settled.Select(s => s.Id).Should().OnlyHaveUniqueItems().And.BeEquivalentTo(all, "each server appears exactly once");

        // Every server readable through the other survivor: ACTIVE, or 404 once reclaimed.
        foreach (var id in all)
        {
            var read = await retrying.SendAsync(survivors[1], node => node.GetAsync($"/v2.1/servers/{id}"), $"GET {id}");
            if (reclaimed.Contains(id) || destroyed.Contains(id))
            {
                read.Status.Should().Be(HttpStatusCode.NotFound, read.Body);
            }
            else
            {
                read.Status.Should().Be(HttpStatusCode.OK, read.Body);
                read.Json["server"]!["status"]!.GetValue<string>().Should().Be("ACTIVE");
            }
        }

        // Quota usage and the hosts' claims come to match the servers that exist (flavor 1: 1 vCPU, 512 MB): the
        // releases a dead silo interrupted are retried from the servers' outboxes, not dropped.
        var live = Rebooted + Built;
        var absolute = await Eventually.Until(
            async () => (await retrying.SendAsync(survivors[1], node => node.GetAsync("/v2.1/limits"), "GET limits")).Json["limits"]!["absolute"]!,
            usage => usage["totalInstancesUsed"]!.GetValue<int>() == live,
            TimeSpan.FromSeconds(90),
            because: "quota usage equals the servers that exist");
        absolute["totalCoresUsed"]!.GetValue<int>().Should().Be(live);
        absolute["totalRAMUsed"]!.GetValue<int>().Should().Be(live * 512);
        await using (var inspector = await ClusterInspector.ConnectAsync(database.ConnectionString))
        {
            await Eventually.Until(
                () => inspector.HostClaimsAsync(OrleansCompute.Catalog.DefaultCatalog.Hosts.Select(h => h.Name)),
                claims => claims == live,
                TimeSpan.FromSeconds(90),
                because: "the hosts hold a claim for each server that exists, and no other");
        }

        await Eventually.Until(
            () => database.ScalarAsync("SELECT count(*) FROM orleansreminderstable WHERE remindername = 'outbox';"),
            count => count == 0,
            TimeSpan.FromSeconds(60),
            because: "every outbox empties and unregisters its reminder");

        retrying.Failures.Should().BeEmpty(cluster.Logs());
        (await database.ScalarAsync("SELECT count(*) FROM compute_servers;")).Should().Be(all.Count, "one index row per server, never two");
        (await database.ScalarAsync("SELECT count(*) FROM compute_servers WHERE deleted;")).Should().Be(Reclaimed + Destroyed);
        (await database.ScalarAsync("SELECT count(*) FROM orleansreminderstable WHERE remindername = 'reclaim';")).Should().Be(0, "fired reminders unregister");
        (await database.ScalarAsync("SELECT count(*) FROM orleansmembershiptable WHERE status = 6;")).Should().Be(1, "membership declared exactly the killed silo dead");

        foreach (var node in nodes)
        {
            node.Dispose();
        }
    }

    /// <summary>The index's view through one node; with <paramref name="everything"/>, deleted and soft-deleted ones too (changes-since).</summary>
    private static async Task<List<ListedServer>> ListAsync(NovaClient node, bool everything = false)
    {
        var response = await node.GetAsync("/v2.1/servers/detail?limit=1000" + (everything ? "&changes-since=2000-01-01T00:00:00Z" : ""));
        response.Status.Should().Be(HttpStatusCode.OK, response.Body);
        return [.. response.Json["servers"]!.AsArray().Select(ListedServer.From)];
    }
}

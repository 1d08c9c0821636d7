using System.Net;
using OrleansCompute.Tests.Http;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Cluster;

/// <summary>
/// Three real silos on PostgreSQL (deploy/local-cluster.sh); one is SIGKILLed while builds and deletes run on it.
/// </summary>
[Collection(MultiSiloCollection.Name)]
public sealed class ClusterKillTests
{
    private const int Servers = 24;
    private const int Deletes = 6;

    [Fact]
    public async Task After_a_SIGKILL_nothing_is_lost_in_flight_work_finishes_and_every_server_is_readable_once()
    {
        await using var database = await ClusterDatabase.CreateAsync();
        await using var cluster = new LocalCluster(database.ConnectionString);
        var urls = await cluster.UpAsync(3, "--Compute:FakeDriver:SpawnSeconds=8", "--Compute:FakeDriver:OperationSeconds:Destroy=8");
        var nodes = urls.Select(url => new NovaClient(new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60), DefaultRequestHeaders = { { "X-Auth-Token", "demo:demo" } } })).ToArray();
        var retrying = new RetryingNova();

        // Created through node 1, readable at once through node 2.
        var ids = new List<Guid>();
        for (var i = 0; i < Servers; i++)
        {
            ids.Add(Guid.Parse(await nodes[0].CreateServerAsync($"kill-{i}")));
        }

        foreach (var id in ids)
        {
            var read = await nodes[1].GetAsync($"/v2.1/servers/{id}");
            read.Status.Should().Be(HttpStatusCode.OK, read.Body);
            read.Json["server"]!["status"]!.GetValue<string>().Should().Be("BUILD");
        }

        // Deletes in flight too, through node 3.
        var deleted = ids.Take(Deletes).ToHashSet();
        foreach (var id in deleted)
        {
            (await nodes[2].DeleteAsync($"/v2.1/servers/{id}")).Status.Should().Be(HttpStatusCode.NoContent);
        }

        // Kill the silo that holds the most of them, and check that it really held in-flight work.
        int victim;
        HashSet<Guid> onVictim;
        await using (var inspector = await ClusterInspector.ConnectAsync(database.ConnectionString))
        {
            var ports = new Dictionary<Guid, int?>();
            foreach (var id in ids)
            {
                ports[id] = await inspector.SiloPortOfAsync(id);
            }

            victim = Enumerable.Range(1, 3).MaxBy(silo => ports.Values.Count(port => port == cluster.SiloPort(silo)));
            onVictim = [.. ids.Where(id => ports[id] == cluster.SiloPort(victim))];
        }

        var inFlight = await ListAsync(nodes[victim == 1 ? 1 : 0]);
        onVictim.Should().Contain(id => inFlight.Any(s => s.Id == id && (s.Status == "BUILD" || s.TaskState == "deleting")),
            "the killed silo must hold builds or deletes that are still running");

        await cluster.KillAsync(victim);
        var survivors = Enumerable.Range(1, 3).Where(silo => silo != victim).Select(silo => nodes[silo - 1]).ToArray();

        // Only the index is read here, so nothing but the cluster itself can finish the dead silo's work: every
        // build ends ACTIVE and every delete ends, without any call to those servers.
        var live = ids.Where(id => !deleted.Contains(id)).ToList();
        var settled = await Eventually.Until(
            () => ListAsync(survivors[0]),
            list => list.Count == live.Count && list.All(s => s.Status == "ACTIVE" && s.TaskState is null),
            TimeSpan.FromSeconds(90),
            because: "every server of the dead silo should settle");
        settled.Select(s => s.Id).Should().OnlyHaveUniqueItems().And.BeEquivalentTo(live, "each server appears exactly once");

        // Every server readable through the other survivor: ACTIVE, or 404 once deleted.
        foreach (var id in ids)
        {
            var read = await retrying.SendAsync(survivors[1], node => node.GetAsync($"/v2.1/servers/{id}"), $"GET {id}");
            if (deleted.Contains(id))
            {
                read.Status.Should().Be(HttpStatusCode.NotFound, read.Body);
            }
            else
            {
                read.Status.Should().Be(HttpStatusCode.OK, read.Body);
                read.Json["server"]!["status"]!.GetValue<string>().Should().Be("ACTIVE");
            }
        }

        retrying.Failures.Should().BeEmpty(cluster.Logs());
        (await database.ScalarAsync("SELECT count(*) FROM compute_servers;")).Should().Be(Servers, "one index row per server, never two");
        (await database.ScalarAsync("SELECT count(*) FROM compute_servers WHERE deleted;")).Should().Be(Deletes);
        (await database.ScalarAsync("SELECT count(*) FROM orleansstorage WHERE graintypestring = 'server';")).Should().Be(Servers);
        var deadRows = await database.ScalarAsync("SELECT count(*) FROM orleansmembershiptable WHERE status = 6;");
        deadRows.Should().Be(1, "membership declared exactly the killed silo dead");

        foreach (var node in nodes)
        {
            node.Dispose();
        }
    }

    private static async Task<List<ListedServer>> ListAsync(NovaClient node)
    {
        var response = await node.GetAsync("/v2.1/servers/detail?limit=1000");
        response.Status.Should().Be(HttpStatusCode.OK, response.Body);
        return [.. response.Json["servers"]!.AsArray().Select(ListedServer.From)];
    }
}

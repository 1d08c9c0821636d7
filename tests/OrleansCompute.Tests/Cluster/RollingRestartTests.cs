using System.Collections.Concurrent;
using System.Net;
using OrleansCompute.Tests.Http;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Cluster;

/// <summary>
/// Three real silos (deploy/local-cluster.sh with its own PostgreSQL); each is stopped and started in turn while a
/// client keeps creating and reading through the nodes that are in service, as a load balancer following the
/// readiness probe would.
/// </summary>
[Collection(MultiSiloCollection.Name)]
public sealed class RollingRestartTests
{
    [Fact]
    public async Task A_rolling_restart_fails_no_request_except_503s_with_Retry_After_that_a_retry_answers()
    {
        await using var cluster = new LocalCluster();
        var urls = await cluster.UpAsync(3, "--Compute:FakeDriver:SpawnSeconds=0.5");
        var nodes = urls.Select(url => new NovaClient(new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60), DefaultRequestHeaders = { { "X-Auth-Token", "demo:demo" } } })).ToArray();
        var inService = new bool[] { true, true, true };
        var retrying = new RetryingNova();
        var created = new ConcurrentBag<Guid>();
        var requests = 0;

        using var stop = new CancellationTokenSource();
        var load = Task.Run(async () =>
        {
            var random = new Random(7);
            while (!stop.IsCancellationRequested)
            {
                var serving = Enumerable.Range(0, 3).Where(i => Volatile.Read(ref inService[i])).ToArray();
                var node = nodes[serving[random.Next(serving.Length)]];
                var create = await retrying.SendAsync(node, n => n.PostAsync("/v2.1/servers",
                    $$$"""{"server": {"name": "rolling-{{{requests}}}", "flavorRef": "1", "imageRef": "{{{NovaClient.Image}}}"}}"""), "create");
                Interlocked.Increment(ref requests);
                if (create.Status == HttpStatusCode.Accepted)
                {
                    created.Add(Guid.Parse(create.Json["server"]!["id"]!.GetValue<string>()));
                }
                else
                {
                    retrying.Failures.Add("create: " + create);
                }

                var known = created.ToArray();
                var id = known[random.Next(known.Length)];
                var reader = nodes[serving[random.Next(serving.Length)]];
                var read = await retrying.SendAsync(reader, n => n.GetAsync($"/v2.1/servers/{id}"), $"GET {id}");
                Interlocked.Increment(ref requests);
                if (read.Status != HttpStatusCode.OK)
                {
                    retrying.Failures.Add($"GET {id}: {read}");
                }
            }
        });

        await Eventually.Until(() => Task.FromResult(Volatile.Read(ref requests)), n => n >= 20, because: "load runs before the restarts");
        for (var silo = 1; silo <= 3; silo++)
        {
            // Out of the balancer first, then SIGTERM; back in once the script has seen it ready.
            Volatile.Write(ref inService[silo - 1], false);
            await cluster.StopAsync(silo);
            await cluster.StartAsync(silo);
            Volatile.Write(ref inService[silo - 1], true);
            var before = Volatile.Read(ref requests);
            await Eventually.Until(() => Task.FromResult(Volatile.Read(ref requests)), n => n >= before + 10, because: "load goes on after each restart");
        }

        await stop.CancelAsync();
        await load;

        retrying.Failures.Should().BeEmpty(cluster.Logs());
        created.Should().HaveCountGreaterThan(30);

        // Afterwards every created server is listed once by every node, and all builds finished.
        foreach (var node in nodes)
        {
            var listed = await Eventually.Until(
                async () => (await node.GetAsync("/v2.1/servers/detail?limit=1000")).Json["servers"]!.AsArray().Select(ListedServer.From).ToList(),
                list => list.Count == created.Count && list.All(s => s.Status == "ACTIVE"),
                TimeSpan.FromSeconds(60),
                because: "every created server should be listed once and ACTIVE");
            listed.Select(s => s.Id).Should().BeEquivalentTo(created);
        }

        foreach (var node in nodes)
        {
            node.Dispose();
        }

        // down stops the silos and removes the PostgreSQL the script started.
        await cluster.DownAsync();
        Directory.Exists(cluster.StateDirectory).Should().BeFalse();
    }
}

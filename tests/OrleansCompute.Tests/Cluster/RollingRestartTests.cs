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
[Collection(SharedCoresMultiSiloCollection.Name)]
public sealed class RollingRestartTests
{
    [Fact]
    public async Task A_rolling_restart_fails_no_request_except_503s_with_Retry_After_that_a_retry_answers()
    {
        await using var cluster = new LocalCluster();
        // The load runs for as long as the restart takes, so a fast machine makes more servers than the default
        // catalog's 768 m1.tiny places; hosts sized for the run keep capacity out of what this test measures.
        string[] hosts = [.. Enumerable.Range(0, 3).SelectMany(i => new[]
        {
            $"--Compute:Catalog:Hosts:{i}:Name=compute-{i + 1}", $"--Compute:Catalog:Hosts:{i}:HostIp=192.168.10.{i + 11}",
            $"--Compute:Catalog:Hosts:{i}:Vcpus=4096", $"--Compute:Catalog:Hosts:{i}:RamMb={4096 * 512}",
            $"--Compute:Catalog:Hosts:{i}:DiskGb=8192",
        })];
        var urls = await cluster.UpAsync(
            3, ["--Compute:FakeDriver:SpawnSeconds=0.5", "--Compute:Quota:Instances=-1", "--Compute:Quota:Cores=-1", "--Compute:Quota:Ram=-1", .. hosts]);
        var nodes = urls.Select(url => new NovaClient(new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60), DefaultRequestHeaders = { { "X-Auth-Token", "demo:demo" } } })).ToArray();
        var inService = new bool[] { true, true, true };
        var inFlight = new int[3];
        var retrying = new RetryingNova();
        var created = new ConcurrentBag<Guid>();
        var requests = 0;
        var random = new Random(7);

        // A load balancer following readiness: each request goes to a node in service, and a node taken out of
        // service is drained (its in-flight requests finish) before it is stopped.
        async Task<NovaResponse> SendAsync(Func<NovaClient, Task<NovaResponse>> call, string what)
        {
            int node;
            while (true)
            {
                node = random.Next(3);
                Interlocked.Increment(ref inFlight[node]);
                if (Volatile.Read(ref inService[node]))
                {
                    break;
                }

                Interlocked.Decrement(ref inFlight[node]);
            }

            try
            {
                var response = await retrying.SendAsync(nodes[node], call, what);
                Interlocked.Increment(ref requests);
                return response;
            }
            finally
            {
                Interlocked.Decrement(ref inFlight[node]);
            }
        }

        using var stop = new CancellationTokenSource();
        var load = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var create = await SendAsync(n => n.PostAsync("/v2.1/servers",
                    $$$"""{"server": {"name": "rolling-{{{requests}}}", "flavorRef": "1", "imageRef": "{{{NovaClient.Image}}}"}}"""), "create");
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
                var read = await SendAsync(n => n.GetAsync($"/v2.1/servers/{id}"), $"GET {id}");
                if (read.Status != HttpStatusCode.OK)
                {
                    retrying.Failures.Add($"GET {id}: {read}");
                }
            }
        });

        Task<int> Progress() => load.IsFaulted ? Task.FromException<int>(load.Exception!) : Task.FromResult(Volatile.Read(ref requests));

        await Eventually.Until(Progress, n => n >= 20, TimeSpan.FromSeconds(60), "load runs before the restarts");
        for (var silo = 1; silo <= 3; silo++)
        {
            // Out of the balancer and drained first, then SIGTERM; back in once the script has seen it ready.
            Volatile.Write(ref inService[silo - 1], false);
            var drained = silo - 1;
            await Eventually.Until(() => Task.FromResult(Volatile.Read(ref inFlight[drained])), n => n == 0, TimeSpan.FromSeconds(60), "the node drains");
            await cluster.StopAsync(silo);
            await cluster.StartAsync(silo);
            Volatile.Write(ref inService[silo - 1], true);
            var before = Volatile.Read(ref requests);
            await Eventually.Until(Progress, n => n >= before + 10, TimeSpan.FromSeconds(60), "load goes on after each restart");
        }

        await stop.CancelAsync();
        await load;

        retrying.Failures.Should().BeEmpty(cluster.Logs());
        created.Should().HaveCountGreaterThan(30);

        // Afterwards every created server is listed once by every node, and all builds finished.
        foreach (var node in nodes)
        {
            List<ListedServer> listed = [];
            try
            {
                await Eventually.Until(
                    async () => listed = (await node.GetAsync("/v2.1/servers/detail?limit=1000")).Json["servers"]!.AsArray().Select(ListedServer.From).ToList(),
                    list => list.Count == created.Count && list.All(s => s.Status == "ACTIVE"),
                    TimeSpan.FromSeconds(60),
                    because: "every created server should be listed once and ACTIVE");
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"{created.Count} created, {ListedServers.Describe(listed)}\n{cluster.Logs()}");
            }

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

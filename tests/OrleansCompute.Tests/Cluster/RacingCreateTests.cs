using System.Net;
using System.Text.Json.Nodes;
using OrleansCompute.Tests.Http;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Cluster;

/// <summary>
/// Issue 19: creates race at concurrency 64 per project through three silos on PostgreSQL, against quotas and
/// hosts too small for them. No project ever holds more servers than its quota, and no host more than its
/// capacity, whichever silo took each create.
/// </summary>
[Collection(SharedCoresMultiSiloCollection.Name)]
public sealed class RacingCreateTests
{
    private const int Quota = 20;
    private const int PerHost = 15;
    private const int Concurrency = 64;
    private static readonly string[] Hosts = ["race-1", "race-2"];
    private static readonly string[] Projects = ["demo", "alt_demo"];

    [Fact]
    public async Task Sixty_four_racing_creates_per_project_over_three_silos_never_exceed_a_quota_or_a_hosts_capacity()
    {
        await using var database = await ClusterDatabase.CreateAsync();
        await using var cluster = new LocalCluster(database.ConnectionString);
        // Two hosts of 15 m1.tiny each (RAM binds: 15 x 512 MB), every project's quota 20: 2 x 20 accepted, 30 fit.
        string[] hostArguments =
        [
            "--Compute:Quota:Instances=" + Quota, "--Compute:Quota:Cores=-1", "--Compute:Quota:Ram=-1",
            .. Hosts.SelectMany((host, i) => new[]
            {
                $"--Compute:Catalog:Hosts:{i}:Name={host}", $"--Compute:Catalog:Hosts:{i}:HostIp=192.168.30.{i + 1}",
                $"--Compute:Catalog:Hosts:{i}:Vcpus=64", $"--Compute:Catalog:Hosts:{i}:RamMb={PerHost * 512}",
            }),
        ];
        var urls = await cluster.UpAsync(3, hostArguments);
        var clients = Projects.ToDictionary(
            project => project,
            project => urls.Select(url => new NovaClient(new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(120), DefaultRequestHeaders = { { "X-Auth-Token", $"{project}:{project}" } } })).ToArray());

        // Every create of both projects at once, spread over the three silos.
        var creates = Projects.SelectMany(project => Enumerable.Range(0, Concurrency).Select(i =>
            clients[project][i % urls.Count].PostAsync("/v2.1/servers", CreateBody($"race-{project}-{i}"), version: "2.47"))).ToArray();
        var answers = await Task.WhenAll(creates);

        answers.Where(a => a.Status is not HttpStatusCode.Accepted and not HttpStatusCode.Forbidden)
            .Should().BeEmpty("a create is accepted or refused over quota (403), nothing else");
        var accepted = answers.Where(a => a.Status == HttpStatusCode.Accepted).Select(a => a.Json["server"]!["id"]!.GetValue<string>()).ToList();
        for (var p = 0; p < Projects.Length; p++)
        {
            answers.Skip(p * Concurrency).Take(Concurrency).Count(a => a.Status == HttpStatusCode.Accepted)
                .Should().BeLessThanOrEqualTo(Quota, $"project {Projects[p]} may not be granted more than its quota");
        }

        using var admin = new NovaClient(new HttpClient { BaseAddress = urls[0], Timeout = TimeSpan.FromSeconds(60), DefaultRequestHeaders = { { "X-Auth-Token", "admin:admin" } } });
        var settled = await Eventually.Until(
            () => AllServersAsync(admin),
            servers => servers.Count == accepted.Count && servers.All(s => s["OS-EXT-STS:task_state"]?.GetValue<string>() is null && s["status"]!.GetValue<string>() is "ACTIVE" or "ERROR"),
            TimeSpan.FromSeconds(120),
            because: "every accepted create finishes ACTIVE, or ERROR when no host had room");

        var activeByHost = settled.Where(s => s["status"]!.GetValue<string>() == "ACTIVE")
            .GroupBy(s => s["OS-EXT-SRV-ATTR:host"]!.GetValue<string>())
            .ToDictionary(g => g.Key, g => g.Count());
        activeByHost.Keys.Should().BeSubsetOf(Hosts);
        activeByHost.Values.Should().OnlyContain(count => count <= PerHost, "no host runs more than its capacity");
        await using (var inspector = await ClusterInspector.ConnectAsync(database.ConnectionString))
        {
            (await inspector.HostClaimsAsync(Hosts)).Should().Be(activeByHost.Values.Sum(), "the hosts hold a claim for each ACTIVE server and no other");
        }

        foreach (var project in Projects)
        {
            var limits = await clients[project][1].GetAsync("/v2.1/limits");
            limits.Json["limits"]!["absolute"]!["totalInstancesUsed"]!.GetValue<int>().Should().BeLessThanOrEqualTo(Quota);
        }

        foreach (var client in clients.Values.SelectMany(c => c))
        {
            client.Dispose();
        }
    }

    private static string CreateBody(string name) =>
        $$$"""{"server": {"name": "{{{name}}}", "flavorRef": "1", "imageRef": "{{{NovaClient.Image}}}", "networks": "none"}}""";

    private static async Task<List<JsonNode>> AllServersAsync(NovaClient admin)
    {
        var response = await admin.GetAsync("/v2.1/servers/detail?all_tenants=1&limit=1000", version: "2.47");
        response.Status.Should().Be(HttpStatusCode.OK, response.Body);
        return [.. response.Json["servers"]!.AsArray().Select(s => s!)];
    }
}

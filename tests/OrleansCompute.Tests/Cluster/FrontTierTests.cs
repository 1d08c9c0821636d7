using System.Net;
using System.Text.Json.Nodes;
using Npgsql;
using OrleansCompute.Tests.Http;
using OrleansCompute.Tests.Identity;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Cluster;

/// <summary>
/// The HTTP tier apart from the silos in cluster mode, all real processes on real PostgreSQL: deploy/local-cluster.sh
/// starts two silos and a front (the host with Compute:Role=front: an Orleans client that reads the silos' gateways
/// from the database), each node with a data directory of its own, in the product's default auth mode (the built-in
/// identity service, whose passwords and token keys are in the database).
/// </summary>
[Collection(SharedCoresMultiSiloCollection.Name)]
public sealed class FrontTierTests
{
    [Fact]
    public async Task A_front_accepts_any_nodes_tokens_serves_the_cluster_and_keeps_answering_through_the_other_gateway_when_a_silo_is_killed()
    {
        await using var database = await ClusterDatabase.CreateAsync();
        await using var cluster = new LocalCluster(database.ConnectionString);
        var silos = await cluster.UpAsync(2, 1, HostProcess.IdentityMode, "--Compute:FakeDriver:SpawnSeconds=0.2", "--Compute:FakeDriver:DefaultSeconds=0.05");
        var front = cluster.FrontUrls.Should().ContainSingle().Subject;

        // Three nodes started, one key and one set of generated passwords between them.
        (await database.ScalarAsync("SELECT count(*) FROM compute_identity_token_keys;")).Should().Be(1, "nodes starting together agree on one token key");
        (await database.ScalarAsync("SELECT count(*) FROM compute_identity_passwords;")).Should().Be(3, "admin, demo and alt_demo got one password each");
        var password = await DemoPasswordAsync(database);
        foreach (var (kind, node) in new[] { ("silo", 1), ("silo", 2), ("front", 1) })
        {
            var clouds = Path.Combine(cluster.DataDirectory(kind, node), "clouds.yaml");
            var text = await Eventually.Until(() => Task.FromResult(File.Exists(clouds) ? File.ReadAllText(clouds) : ""), t => t.Length > 0, because: $"{kind} {node} writes clouds.yaml");
            text.Should().Contain(password, $"{kind} {node} uses the password the database keeps");
            File.Exists(Path.Combine(cluster.DataDirectory(kind, node), "identity", "passwords.json")).Should().BeFalse("cluster mode keeps passwords in the database");
        }

        // A token issued by silo 1's identity service works at the front and at silo 2; one issued by the front at silo 1.
        var token = await IssueTokenAsync(silos[0], password);
        using var atFront = Client(front, token);
        using var atSilo2 = Client(silos[1], token);
        (await atFront.GetAsync("/v2.1/servers")).Status.Should().Be(HttpStatusCode.OK);
        (await atSilo2.GetAsync("/v2.1/servers")).Status.Should().Be(HttpStatusCode.OK);
        using (var atSilo1 = Client(silos[0], await IssueTokenAsync(front, password)))
        {
            (await atSilo1.GetAsync("/v2.1/servers")).Status.Should().Be(HttpStatusCode.OK);
        }

        // Create through the front, read through silo 2, list through the front.
        var first = await atFront.CreateServerAsync("front-1");
        (await atSilo2.WaitForStatusAsync(first, "ACTIVE"))["id"]!.GetValue<string>().Should().Be(first);
        Ids(await atFront.GetAsync("/v2.1/servers")).Should().Contain(first, "the front lists from the index the silos write");

        // SIGKILL silo 1: the front keeps answering through silo 2's gateway (503 + Retry-After allowed meanwhile).
        await cluster.KillAsync(1);
        var retrying = new RetryingNova();
        var show = await retrying.SendAsync(atFront, nova => nova.GetAsync($"/v2.1/servers/{first}"), "show after the kill");
        show.Status.Should().Be(HttpStatusCode.OK, show.ToString());
        var create = await retrying.SendAsync(
            atFront,
            nova => nova.PostAsync("/v2.1/servers", $$$"""{"server": {"name": "front-2", "flavorRef": "1", "imageRef": "{{{NovaClient.Image}}}"}}"""),
            "create after the kill");
        create.Status.Should().Be(HttpStatusCode.Accepted, create.ToString());
        var second = create.Json["server"]!["id"]!.GetValue<string>();
        var active = await Eventually.Until(
            () => retrying.SendAsync(atFront, nova => nova.GetAsync($"/v2.1/servers/{second}"), "poll after the kill"),
            r => r.Status == HttpStatusCode.OK && r.Json["server"]!["status"]!.GetValue<string>() == "ACTIVE",
            TimeSpan.FromSeconds(60),
            "the server created after the kill builds on the surviving silo");
        active.Status.Should().Be(HttpStatusCode.OK);
        var list = await retrying.SendAsync(atFront, nova => nova.GetAsync("/v2.1/servers"), "list after the kill");
        Ids(list).Should().BeEquivalentTo([first, second]);
        retrying.Failures.Should().BeEmpty("nothing but 503s with Retry-After may fail: {0}", cluster.Logs());
        System.Diagnostics.Trace.WriteLine($"503s with Retry-After at the front after the kill: {retrying.Unavailable.Count}");
        (await atSilo2.GetAsync($"/v2.1/servers/{second}")).Status.Should().Be(HttpStatusCode.OK);
    }

    private static NovaClient Client(Uri node, string token)
    {
        var http = new HttpClient { BaseAddress = node, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Add("X-Auth-Token", token);
        return new NovaClient(http);
    }

    private static async Task<string> IssueTokenAsync(Uri node, string password)
    {
        using var http = new HttpClient { BaseAddress = node, Timeout = TimeSpan.FromSeconds(30) };
        using var response = await http.PostAsync("/identity/v3/auth/tokens", IdentityHostFixture.PasswordAuth("demo", password, project: "demo"));
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return response.Headers.GetValues("X-Subject-Token").Single();
    }

    private static async Task<string> DemoPasswordAsync(ClusterDatabase database)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT password FROM compute_identity_passwords WHERE user_name = 'demo';", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static IEnumerable<string> Ids(NovaResponse response)
    {
        response.Status.Should().Be(HttpStatusCode.OK, response.ToString());
        return response.Json["servers"]!.AsArray().Select(s => s!["id"]!.GetValue<string>());
    }
}

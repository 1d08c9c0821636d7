using System.Net;
using System.Text.Json.Nodes;
using OrleansCompute.Tests.Cluster;
using OrleansCompute.Tests.Http;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Volumes;

/// <summary>
/// Two real silos on PostgreSQL; the one that holds the server grain is SIGKILLed while an attach is in the middle
/// (the volume reserved, its connection slowed by the fake backend). The attach protocol must settle on the
/// survivor: the volume ends in-use and the server shows it, never a volume left reserved or attaching, and never a
/// server that shows a volume the volume service calls available.
/// </summary>
[Collection(SharedCoresMultiSiloCollection.Name)]
public sealed class AttachCrashClusterTests
{
    [Fact]
    public async Task A_silo_killed_mid_attach_leaves_the_volume_and_the_server_agreeing()
    {
        await using var database = await ClusterDatabase.CreateAsync();
        await using var cluster = new LocalCluster(database.ConnectionString);
        var urls = await cluster.UpAsync(
            2,
            "--Compute:FakeDriver:SpawnSeconds=0.2",
            "--Compute:FakeDriver:DefaultSeconds=0.1",
            "--Compute:Volume:FakeBackend:ConnectSeconds=8",
            "--Compute:MinimumReminderPeriod=2");
        var nodes = urls.Select(url => new NovaClient(new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60), DefaultRequestHeaders = { { "X-Auth-Token", "demo:demo" } } })).ToArray();
        var retrying = new RetryingNova();

        var serverId = await nodes[0].CreateServerAsync("attach-crash");
        await nodes[0].WaitForStatusAsync(serverId, "ACTIVE");
        var created = await nodes[0].PostAsync("/volume/v3/volumes", """{"volume": {"size": 1}}""");
        created.Status.Should().Be(HttpStatusCode.Accepted, created.Body);
        var volumeId = created.Json["volume"]!["id"]!.GetValue<string>();
        await Eventually.Until(() => VolumeStatusAsync(nodes[0], volumeId), status => status == "available");

        int victim;
        await using (var inspector = await ClusterInspector.ConnectAsync(database.ConnectionString))
        {
            var port = await inspector.SiloPortOfAsync(Guid.Parse(serverId));
            victim = Enumerable.Range(1, 2).Single(silo => cluster.SiloPort(silo) == port);
        }

        var survivor = nodes[victim == 1 ? 1 : 0];
        // The attach goes through the survivor's front to the server grain on the victim, and stays in the slowed connect.
        var attach = survivor.PostAsync($"/v2.1/servers/{serverId}/os-volume_attachments", $$$"""{"volumeAttachment": {"volumeId": "{{{volumeId}}}"}}""");
        await Eventually.Until(() => VolumeStatusAsync(survivor, volumeId), status => status is "reserved" or "attaching", because: "the attach is under way");
        await cluster.KillAsync(victim);
        try
        {
            await attach;
        }
        catch (HttpRequestException)
        {
            // The request may die with the silo that served it; what counts is where both parties settle.
        }

        (string Volume, bool Shown) settled = default;
        try
        {
            settled = await Eventually.Until(
                async () =>
                {
                    var status = await VolumeStatusAsync(survivor, volumeId, retrying);
                    var shown = await retrying.SendAsync(survivor, node => node.GetAsync($"/v2.1/servers/{serverId}/os-volume_attachments"), "list attachments");
                    return (status, shown.Status == HttpStatusCode.OK && shown.Body.Contains(volumeId, StringComparison.Ordinal));
                },
                state => state.status is "in-use" or "available" && (state.status == "in-use") == state.Item2,
                TimeSpan.FromSeconds(180),
                because: "the volume and the server should agree once the attach is resumed or released");
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"volume {await VolumeStatusAsync(survivor, volumeId, retrying)}\n{cluster.Logs()}");
        }

        // The server wrote its intent before the volume was reserved, so the survivor finishes the attach.
        settled.Volume.Should().Be("in-use");
        settled.Shown.Should().BeTrue();
    }

    private static async Task<string> VolumeStatusAsync(NovaClient node, string volumeId, RetryingNova? retrying = null)
    {
        var response = retrying is null
            ? await node.GetAsync($"/volume/v3/volumes/{volumeId}")
            : await retrying.SendAsync(node, n => n.GetAsync($"/volume/v3/volumes/{volumeId}"), "show volume");
        return response.Status == HttpStatusCode.OK ? JsonNode.Parse(response.Body)!["volume"]!["status"]!.GetValue<string>() : $"HTTP {(int)response.Status}";
    }
}

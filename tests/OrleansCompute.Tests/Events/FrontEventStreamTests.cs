using System.Net;
using OrleansCompute.Tests.Embedding;
using OrleansCompute.Tests.Http;

namespace OrleansCompute.Tests.Events;

/// <summary>
/// The admin event stream on the HTTP tier that is only an Orleans client (it used to answer 501 there): the front
/// subscribes to the cluster's event streams like a silo, so an admin connected to it follows every server.
/// </summary>
public sealed class FrontEventStreamTests(TwoSiloClusterWithFront cluster) : IClassFixture<TwoSiloClusterWithFront>
{
    [Fact]
    public async Task An_admin_on_the_client_tier_follows_servers_on_both_silos_as_server_sent_events()
    {
        using var admin = new HttpClient { BaseAddress = cluster.FrontAddress, Timeout = Timeout.InfiniteTimeSpan };
        admin.DefaultRequestHeaders.Add("X-Auth-Token", "admin:admin");
        using var events = await ServerSentEvents.OpenAsync(admin, "/v2.1/os-events");

        using var nova = new NovaClient(new HttpClient { BaseAddress = cluster.FrontAddress, Timeout = TimeSpan.FromSeconds(30) });
        nova.Http.DefaultRequestHeaders.Add("X-Auth-Token", "demo:sse-front");
        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add(await nova.CreateServerAsync($"sse-{i}"));
        }

        foreach (var id in ids)
        {
            await nova.WaitForStatusAsync(id, "ACTIVE");
            (await nova.PostAsync($"/v2.1/servers/{id}/action", """{"os-stop": null}""")).Status.Should().Be(HttpStatusCode.Accepted);
        }

        foreach (var id in ids)
        {
            await nova.WaitForStatusAsync(id, "SHUTOFF");
            (await nova.DeleteAsync($"/v2.1/servers/{id}")).Status.Should().Be(HttpStatusCode.NoContent);
        }

        var received = await events.ReadUntilAsync(
            list => ids.All(id => list.Any(e => e.Type == "instance.delete.end" && e.ServerId == id)),
            TimeSpan.FromSeconds(30));
        foreach (var id in ids)
        {
            received.Where(e => e.ServerId == id).Select(e => e.Type).Should().Equal(
                ["instance.create.start", "instance.create.end",
                 "instance.power_off.start", "instance.power_off.end",
                 "instance.delete.start", "instance.delete.end"],
                $"the front's stream carries server {id}'s lifecycle once and in order");
        }
    }
}

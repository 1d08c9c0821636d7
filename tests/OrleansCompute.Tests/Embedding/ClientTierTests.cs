using System.Diagnostics;
using System.Net;
using OrleansCompute.Tests.Http;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Embedding;

/// <summary>
/// The HTTP tier scaled apart from the silos: a front that is only an Orleans client serves the Nova routes
/// against a two-silo cluster; lifecycle events arrive through the in-process subscription API of the silos,
/// each server's in the order its lifecycle went.
/// </summary>
public sealed class ClientTierTests : IClassFixture<TwoSiloClusterWithFront>
{
    private readonly TwoSiloClusterWithFront _cluster;

    public ClientTierTests(TwoSiloClusterWithFront cluster) => _cluster = cluster;

    [Fact]
    public async Task A_front_that_is_not_a_silo_creates_lists_stops_and_deletes_servers_on_a_two_silo_cluster_and_events_arrive_in_order()
    {
        _cluster.SiloCount.Should().Be(2);
        using var nova = new NovaClient(new HttpClient { BaseAddress = _cluster.FrontAddress, Timeout = TimeSpan.FromSeconds(30) });
        nova.Http.DefaultRequestHeaders.Add("X-Auth-Token", "demo:front-tier");

        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add(await nova.CreateServerAsync($"front-{i}"));
        }

        foreach (var id in ids)
        {
            await nova.WaitForStatusAsync(id, "ACTIVE");
        }

        (await nova.GetAsync("/v2.1/servers")).Json["servers"]!.AsArray().Select(s => s!["id"]!.GetValue<string>())
            .Should().BeEquivalentTo(ids, "list queries read the index the silos write");

        foreach (var id in ids)
        {
            (await nova.PostAsync($"/v2.1/servers/{id}/action", """{"os-stop": null}""")).Status.Should().Be(HttpStatusCode.Accepted);
        }

        foreach (var id in ids)
        {
            await nova.WaitForStatusAsync(id, "SHUTOFF");
            (await nova.DeleteAsync($"/v2.1/servers/{id}")).Status.Should().Be(HttpStatusCode.NoContent);
        }

        string[] expected =
        [
            "instance.create.start", "instance.create.end",
            "instance.power_off.start", "instance.power_off.end",
            "instance.delete.start", "instance.delete.end",
        ];
        foreach (var id in ids)
        {
            var serverId = Guid.Parse(id);
            var events = await Eventually.Until(
                () => Task.FromResult(_cluster.Events.Where(e => e.Event.Instance.Id == serverId).ToList()),
                list => list.Count >= expected.Length,
                // Stream delivery to the front is asynchronous (the silos' pulling agents poll their queues): on two
                // loaded cores with other collections beside it, 15 s was once too short (the same events, in order).
                TimeSpan.FromSeconds(45),
                because: $"server {id} should publish its whole lifecycle");
            events.Select(e => e.Event.EventType).Should().Equal(expected);
            events.Select(e => e.Event.Sequence).Should().BeInAscendingOrder();
            events.Last().Event.Instance.Deleted.Should().BeTrue();
            events.First().Event.Instance.ProjectId.Should().Be("front-tier");
        }

        Trace.WriteLine($"events by silo: {string.Join(", ", _cluster.Events.GroupBy(e => e.Silo).Select(g => $"silo {g.Key}: {g.Count()}"))}");
    }
}

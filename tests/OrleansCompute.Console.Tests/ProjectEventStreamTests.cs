using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OrleansCompute.Tests.Events;

namespace OrleansCompute.Console.Tests;

/// <summary>
/// <c>GET /v2.1/os-events/project</c>: any project member follows its own project's servers live (what the
/// console's list listens to); another project's servers never appear in it, and the all-projects stream stays admin only.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ProjectEventStreamTests(ConsoleHostFixture fixture)
{
    [Fact]
    public async Task A_member_receives_its_projects_events_only()
    {
        using var demo = await ClientAsync("demo");
        using var alt = await ClientAsync("alt_demo");
        (await demo.GetAsync("/v2.1/os-events")).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        using var events = await ServerSentEvents.OpenAsync(demo, "/v2.1/os-events/project");
        var others = await CreateAsync(alt, "alt-stream");
        var own = await CreateAsync(demo, "own-stream");

        var received = await events.ReadUntilAsync(r => r.Any(e => e.ServerId == own && e.Type == "instance.create.end"), TimeSpan.FromSeconds(20));
        received.Should().Contain(e => e.ServerId == own && e.Type == "instance.create.start");
        received.Should().NotContain(e => e.ServerId == others, "alt_demo's server is another project's");
    }

    [Fact]
    public async Task The_project_stream_leaves_the_host_out_for_a_member()
    {
        using var demo = await ClientAsync("demo");
        using var response = await demo.GetAsync("/v2.1/os-events/project?server_id=not-a-uuid");
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);

        using var events = await ServerSentEvents.OpenAsync(demo, "/v2.1/os-events/project");
        var own = await CreateAsync(demo, "hostless");
        string? line;
        do
        {
            line = await events.ReadLineAsync(TimeSpan.FromSeconds(20));
        }
        while (line is not null && !(line.StartsWith("data: ", StringComparison.Ordinal) && line.Contains(own, StringComparison.Ordinal)));

        var data = JsonNode.Parse(line!["data: ".Length..])!["payload"]!["nova_object.data"]!;
        data["host"].Should().BeNull();
        data["node"].Should().BeNull();
    }

    private async Task<HttpClient> ClientAsync(string user)
    {
        var client = new HttpClient { BaseAddress = fixture.Host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add("X-Auth-Token", await fixture.TokenAsync(user, user));
        return client;
    }

    private static async Task<string> CreateAsync(HttpClient client, string name)
    {
        using var response = await client.PostAsJsonAsync("/v2.1/servers", new JsonObject { ["server"] = new JsonObject { ["name"] = name, ["flavorRef"] = "1", ["imageRef"] = "70a599e0-31e7-49b7-b260-868f441e862b" } });
        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!["server"]!["id"]!.GetValue<string>();
    }
}

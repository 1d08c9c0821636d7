using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using OrleansCompute.Tests.Http;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Embedding;

/// <summary>
/// The operational surface on the real host: the admin event stream (server-sent events), the OpenAPI document,
/// and logs that never carry a secret, with every log category at Debug.
/// </summary>
[CollectionDuration(111)]
public sealed class OperatingTests : IAsyncLifetime
{
    private const string AdminPass = "Adm1nP4ss-Secret-9f2";
    private const string NewPassword = "N3w-Secret-Pass-3c8";
    private const string UserDataText = "#cloud-config\npassword: cloud-init-secret-7e1\n";
    private const string Token = "sekrit-user-5d4:sekrit-project-a1b";

    private readonly TempDirectory _directory = new();
    private HostProcess _host = null!;

    public async Task InitializeAsync()
    {
        _host = new HostProcess(_directory.Path,
            "--Logging:LogLevel:Default=Debug",
            "--Logging:LogLevel:Microsoft=Debug",
            "--Logging:LogLevel:Orleans=Debug",
            "--Compute:FakeDriver:SpawnSeconds=0.1",
            "--Compute:FakeDriver:DefaultSeconds=0.1");
        await _host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task An_admin_follows_a_servers_lifecycle_as_server_sent_events_in_order()
    {
        using var admin = _host.CreateClient("admin:admin");
        admin.Timeout = Timeout.InfiniteTimeSpan;
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v2.1/os-events");
        using var stream = await admin.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        stream.StatusCode.Should().Be(HttpStatusCode.OK);
        stream.Content.Headers.ContentType!.MediaType.Should().Be("text/event-stream");
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());
        (await reader.ReadLineAsync()).Should().Be(": subscribed", "the subscription exists before the lifecycle is driven");

        using var nova = NovaClient.For(_host);
        var id = await nova.CreateServerAsync("observed");
        await nova.WaitForStatusAsync(id, "ACTIVE");
        (await nova.PostAsync($"/v2.1/servers/{id}/action", """{"os-stop": null}""")).Status.Should().Be(HttpStatusCode.Accepted);
        await nova.WaitForStatusAsync(id, "SHUTOFF");
        (await nova.PostAsync($"/v2.1/servers/{id}/action", """{"shelve": null}""")).Status.Should().Be(HttpStatusCode.Accepted);
        await nova.WaitForStatusAsync(id, "SHELVED_OFFLOADED");
        (await nova.DeleteAsync($"/v2.1/servers/{id}")).Status.Should().Be(HttpStatusCode.NoContent);

        var events = new List<(string Type, JsonNode Data)>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        string? type = null;
        while (events.LastOrDefault().Type != "instance.delete.end")
        {
            var line = await reader.ReadLineAsync(timeout.Token);
            if (line is null)
            {
                break;
            }

            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                type = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                events.Add((type!, JsonNode.Parse(line["data: ".Length..])!));
            }
        }

        events.Select(e => e.Type).Should().Equal(
            "instance.create.start", "instance.create.end",
            "instance.power_off.start", "instance.power_off.end",
            "instance.shelve.start", "instance.shelve.end",
            "instance.shelve_offload.start", "instance.shelve_offload.end",
            "instance.delete.start", "instance.delete.end");
        var created = events[1].Data;
        created["event_type"]!.GetValue<string>().Should().Be("instance.create.end");
        created["priority"]!.GetValue<string>().Should().Be("INFO");
        created["publisher_id"]!.GetValue<string>().Should().StartWith("nova-compute:");
        var payload = created["payload"]!;
        payload["nova_object.name"]!.GetValue<string>().Should().Be("InstanceCreatePayload");
        var data = payload["nova_object.data"]!;
        data["uuid"]!.GetValue<string>().Should().Be(id);
        data["state"]!.GetValue<string>().Should().Be("active");
        data["power_state"]!.GetValue<string>().Should().Be("running");
        data["tenant_id"]!.GetValue<string>().Should().Be("demo");
        data["flavor"]!["flavorid"]!.GetValue<string>().Should().Be("1");
        data["ip_addresses"]!.AsArray().Should().NotBeEmpty();
        events[3].Data["payload"]!["nova_object.data"]!["power_state"]!.GetValue<string>().Should().Be("shutdown");
        events[^1].Data["payload"]!["nova_object.data"]!["state"]!.GetValue<string>().Should().Be("deleted");
    }

    [Fact]
    public async Task The_event_stream_is_for_admins_only()
    {
        using var nova = NovaClient.For(_host);
        var response = await nova.GetAsync("/v2.1/os-events");
        response.Status.Should().Be(HttpStatusCode.Forbidden);
        response.Json["forbidden"].Should().NotBeNull();
    }

    [Fact]
    public async Task The_openapi_document_lists_the_implemented_routes_and_notes_microversions()
    {
        using var http = new HttpClient { BaseAddress = _host.BaseAddress };
        using var response = await http.GetAsync("/openapi/compute.json");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        paths.Should().Contain(["/v2.1/servers", "/v2.1/servers/detail", "/v2.1/servers/{id}", "/v2.1/flavors"]);
        document["info"]!["description"]!.GetValue<string>().Should().Contain("Microversions 2.1 to");
        document["paths"]!["/v2.1/servers"]!["get"]!["parameters"]!.AsArray()
            .Select(p => p!["name"]!.GetValue<string>()).Should().Contain("OpenStack-API-Version");
    }

    [Fact]
    public async Task No_secret_of_a_create_or_a_password_change_reaches_a_log_line()
    {
        using var nova = NovaClient.For(_host, Token);
        var userData = Convert.ToBase64String(Encoding.UTF8.GetBytes(UserDataText));
        var id = await nova.CreateServerAsync("secretive", $$""", "adminPass": "{{AdminPass}}", "user_data": "{{userData}}" """);
        await nova.WaitForStatusAsync(id, "ACTIVE");
        (await nova.PostAsync($"/v2.1/servers/{id}/action", $$$"""{"changePassword": {"adminPass": "{{{NewPassword}}}"}}""")).Status.Should().Be(HttpStatusCode.Accepted);
        (await nova.PostAsync($"/v2.1/servers/{id}/action", """{"changePassword": {"adminPass": 5}}""")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await nova.DeleteAsync($"/v2.1/servers/{id}")).Status.Should().Be(HttpStatusCode.NoContent);
        await Eventually.Until(async () => (await nova.GetAsync($"/v2.1/servers/{id}")).Status, s => s == HttpStatusCode.NotFound);

        // The child process's output reaches us through a pipe a little after the requests answered: wait for it.
        var logs = await Eventually.Until(() => Task.FromResult(_host.Output), output => output.Contains(id, StringComparison.Ordinal),
            because: "the logs are captured at Debug and mention the server");
        foreach (var secret in new[] { AdminPass, NewPassword, userData, "cloud-init-secret-7e1", Token })
        {
            logs.Should().NotContain(secret);
        }
    }
}

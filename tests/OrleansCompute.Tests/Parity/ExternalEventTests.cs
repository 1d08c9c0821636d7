using System.Net;
using OrleansCompute.Tests.Http;

namespace OrleansCompute.Tests.Parity;

/// <summary>Issue 15, item 2: <c>os-server-external-events</c> for admins, power-update (2.76) included.</summary>
[Collection(HostCollection.Name)]
public sealed class ExternalEventTests(HostFixture fixture)
{
    [Fact]
    public async Task Power_update_turns_the_server_off_and_on_and_network_events_are_accepted()
    {
        using var admin = NovaClient.For(fixture.Host, "admin:admin");
        var id = await admin.CreateServerAsync("events");
        await admin.WaitForStatusAsync(id, "ACTIVE");

        var off = await admin.PostAsync("/v2.1/os-server-external-events", $$$"""{"events": [{"name": "power-update", "server_uuid": "{{{id}}}", "tag": "POWER_OFF"}, {"name": "network-changed", "server_uuid": "{{{id}}}"}]}""", "2.76");
        off.Status.Should().Be(HttpStatusCode.OK, off.Body);
        off.Json["events"]!.AsArray().Select(e => e!["code"]!.GetValue<int>()).Should().Equal(200, 200);
        off.Json["events"]![0]!["status"]!.GetValue<string>().Should().Be("completed");
        var stopped = (await admin.GetAsync($"/v2.1/servers/{id}")).Json["server"]!;
        stopped["status"]!.GetValue<string>().Should().Be("SHUTOFF");
        stopped["OS-EXT-STS:power_state"]!.GetValue<int>().Should().Be(4);

        var on = await admin.PostAsync("/v2.1/os-server-external-events", $$$"""{"events": [{"name": "power-update", "server_uuid": "{{{id}}}", "tag": "POWER_ON"}]}""", "2.76");
        on.Status.Should().Be(HttpStatusCode.OK, on.Body);
        (await admin.GetAsync($"/v2.1/servers/{id}")).Json["server"]!["status"]!.GetValue<string>().Should().Be("ACTIVE");
    }

    [Fact]
    public async Task Unknown_servers_and_missing_tags_fail_per_event_and_the_schema_follows_the_version()
    {
        using var admin = NovaClient.For(fixture.Host, "admin:admin");
        var id = await admin.CreateServerAsync("events-mixed");
        await admin.WaitForStatusAsync(id, "ACTIVE");

        var mixed = await admin.PostAsync("/v2.1/os-server-external-events", $$$"""{"events": [{"name": "network-vif-plugged", "server_uuid": "{{{id}}}"}, {"name": "power-update", "server_uuid": "{{{id}}}"}, {"name": "network-changed", "server_uuid": "{{{Guid.NewGuid()}}}"}]}""", "2.76");
        mixed.Status.Should().Be((HttpStatusCode)207, mixed.Body);
        mixed.Json["events"]!.AsArray().Select(e => e!["code"]!.GetValue<int>()).Should().Equal(200, 400, 404);

        (await admin.PostAsync("/v2.1/os-server-external-events", $$$"""{"events": [{"name": "network-changed", "server_uuid": "{{{Guid.NewGuid()}}}"}]}"""))
            .Status.Should().Be(HttpStatusCode.NotFound);
        (await admin.PostAsync("/v2.1/os-server-external-events", $$$"""{"events": [{"name": "power-update", "server_uuid": "{{{id}}}", "tag": "POWER_OFF"}]}""", "2.75"))
            .Status.Should().Be(HttpStatusCode.BadRequest);
        (await admin.PostAsync("/v2.1/os-server-external-events", """{"events": []}""")).Status.Should().Be(HttpStatusCode.BadRequest);

        using var member = NovaClient.For(fixture.Host, $"user:p{Guid.NewGuid():N}");
        (await member.PostAsync("/v2.1/os-server-external-events", $$$"""{"events": [{"name": "network-changed", "server_uuid": "{{{id}}}"}]}"""))
            .Status.Should().Be(HttpStatusCode.Forbidden);
    }
}

using System.Net;
using System.Text.Json.Nodes;
using OrleansCompute.Tests.Http;

namespace OrleansCompute.Tests.Parity;

/// <summary>
/// Issue 15, item 1: the changes from 2.96 to 2.104 this service serves, over real HTTP (evacuate's 2.95 is
/// <see cref="EvacuateTests"/>): pinned_availability_zone shown (2.96) and set (2.104), image properties (2.98),
/// scheduler hints (2.100), spice-direct and the token's tls_port (2.99), the flavor changes of 2.102 and unknown
/// query parameters refused from 2.102.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class Microversions295To2104Tests(HostFixture fixture)
{
    private NovaClient NewProject() => NovaClient.For(fixture.Host, $"user:p{Guid.NewGuid():N}");

    private static async Task<JsonNode> ShowAsync(NovaClient client, string id, string version) =>
        (await client.GetAsync($"/v2.1/servers/{id}", version)).Json["server"]!;

    private static string Message(NovaResponse response) => response.Json["badRequest"]?["message"]?.GetValue<string>() ?? response.Body;

    [Fact]
    public async Task The_host_advertises_2_104_and_refuses_2_105()
    {
        using var client = NewProject();
        (await client.GetAsync("/v2.1")).Json["version"]!["version"]!.GetValue<string>().Should().Be("2.104");
        (await client.GetAsync("/v2.1/servers", "2.104")).Status.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync("/v2.1/servers", "2.105")).Status.Should().Be(HttpStatusCode.NotAcceptable);
        (await client.GetAsync("/v2.1/servers", "latest")).Header("OpenStack-API-Version").Should().Be("compute 2.104");
    }

    [Fact]
    public async Task Pinned_zone_image_properties_and_scheduler_hints_are_shown_from_their_versions()
    {
        using var client = NewProject();
        var pinned = await client.CreateServerAsync("pinned", ", \"availability_zone\": \"nova\"}, \"os:scheduler_hints\": {\"rack\": \"r1\"", "2.100");
        var loose = await client.CreateServerAsync("loose", version: "2.100");
        await client.WaitForStatusAsync(pinned, "ACTIVE");
        await client.WaitForStatusAsync(loose, "ACTIVE");

        (await ShowAsync(client, pinned, "2.95")).AsObject().ContainsKey("pinned_availability_zone").Should().BeFalse();
        (await ShowAsync(client, pinned, "2.96"))["pinned_availability_zone"]!.GetValue<string>().Should().Be("nova");
        (await ShowAsync(client, loose, "2.96"))["pinned_availability_zone"].Should().BeNull();

        (await ShowAsync(client, pinned, "2.97"))["image"]!.AsObject().ContainsKey("properties").Should().BeFalse();
        var properties = (await ShowAsync(client, pinned, "2.98"))["image"]!["properties"]!.AsObject();
        properties.Select(p => p.Key).Should().BeEquivalentTo("architecture", "auto_disk_config");
        properties["architecture"]!.GetValue<string>().Should().Be("x86_64");

        (await ShowAsync(client, pinned, "2.99")).AsObject().ContainsKey("scheduler_hints").Should().BeFalse();
        var hints = (await ShowAsync(client, pinned, "2.100"))["scheduler_hints"]!.AsObject();
        hints["rack"]!.AsArray().Select(v => v!.GetValue<string>()).Should().Equal(["r1"], "each hint is shown as a list");
        (await ShowAsync(client, loose, "2.100"))["scheduler_hints"]!.AsObject().Should().BeEmpty();
        var detail = (await client.GetAsync("/v2.1/servers/detail", "2.100")).Json["servers"]!.AsArray();
        detail.Single(s => s!["id"]!.GetValue<string>() == pinned)!["pinned_availability_zone"]!.GetValue<string>().Should().Be("nova");
    }

    [Fact]
    public async Task From_2_104_an_update_pins_to_the_current_zone_only_and_unpins_with_null()
    {
        using var client = NewProject();
        var id = await client.CreateServerAsync("pin-me", version: "2.104");
        await client.WaitForStatusAsync(id, "ACTIVE");
        var path = $"/v2.1/servers/{id}";

        (await client.SendAsync(HttpMethod.Put, path, """{"server": {"pinned_availability_zone": "nova"}}""", "2.103")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await client.SendAsync(HttpMethod.Put, path, """{"server": {"pinned_availability_zone": "elsewhere"}}""", "2.104")).Status.Should().Be(HttpStatusCode.Conflict);
        var pinned = await client.SendAsync(HttpMethod.Put, path, """{"server": {"pinned_availability_zone": "nova"}}""", "2.104");
        pinned.Status.Should().Be(HttpStatusCode.OK, pinned.Body);
        pinned.Json["server"]!["pinned_availability_zone"]!.GetValue<string>().Should().Be("nova");
        (await client.SendAsync(HttpMethod.Put, path, """{"server": {"pinned_availability_zone": "nova"}}""", "2.104")).Status.Should().Be(HttpStatusCode.OK, "the same value is a no-op");
        (await client.SendAsync(HttpMethod.Put, path, """{"server": {"pinned_availability_zone": "elsewhere"}}""", "2.104")).Status.Should().Be(HttpStatusCode.Conflict, "unpin first");
        var unpinned = await client.SendAsync(HttpMethod.Put, path, """{"server": {"pinned_availability_zone": null}}""", "2.104");
        unpinned.Json["server"]!["pinned_availability_zone"].Should().BeNull();
    }

    [Fact]
    public async Task From_2_102_flavors_lose_rxtx_factor_and_disabled_and_filter_by_name()
    {
        using var client = NewProject();
        var before = (await client.GetAsync("/v2.1/flavors/1", "2.101")).Json["flavor"]!.AsObject();
        before.ContainsKey("rxtx_factor").Should().BeTrue();
        before.ContainsKey("OS-FLV-DISABLED:disabled").Should().BeTrue();
        var after = (await client.GetAsync("/v2.1/flavors/detail", "2.102")).Json["flavors"]!.AsArray();
        after.Should().OnlyContain(f => !f!.AsObject().ContainsKey("rxtx_factor") && !f.AsObject().ContainsKey("OS-FLV-DISABLED:disabled"));

        var all = (await client.GetAsync("/v2.1/flavors", "2.101")).Json["flavors"]!.AsArray().Count;
        (await client.GetAsync("/v2.1/flavors?name=tiny", "2.101")).Json["flavors"]!.AsArray().Should().HaveCount(all, "below 2.102 the name is not a filter");
        var tiny = (await client.GetAsync("/v2.1/flavors?name=TINY", "2.102")).Json["flavors"]!.AsArray();
        tiny.Select(f => f!["name"]!.GetValue<string>()).Should().Equal("m1.tiny");
        (await client.GetAsync("/v2.1/flavors/detail?name=%5Em1%5C.(small%7Cmedium)%24", "2.102")).Json["flavors"]!.AsArray()
            .Select(f => f!["name"]!.GetValue<string>()).Should().BeEquivalentTo("m1.small", "m1.medium");
        (await client.GetAsync("/v2.1/flavors?name=(", "2.102")).Status.Should().Be(HttpStatusCode.BadRequest);

        using var admin = NovaClient.For(fixture.Host, "admin:admin");
        var rxtx = await admin.PostAsync("/v2.1/flavors", """{"flavor": {"name": "rxtx-102", "ram": 64, "vcpus": 1, "disk": 0, "rxtx_factor": 2.0}}""", "2.102");
        rxtx.Status.Should().Be(HttpStatusCode.BadRequest);
        Message(rxtx).Should().Be("Additional properties are not allowed ('rxtx_factor' was unexpected)");
    }

    [Fact]
    public async Task From_2_102_every_route_refuses_query_parameters_it_does_not_know()
    {
        using var client = NewProject();
        var id = await client.CreateServerAsync("queried");
        (await client.GetAsync($"/v2.1/servers/{id}?foo=1", "2.101")).Status.Should().Be(HttpStatusCode.OK);
        var refused = await client.GetAsync($"/v2.1/servers/{id}?foo=1", "2.102");
        refused.Status.Should().Be(HttpStatusCode.BadRequest);
        Message(refused).Should().Be("Additional properties are not allowed ('foo' was unexpected)");
        (await client.GetAsync("/v2.1/flavors?minRam=1&sort_key=name&limit=2", "2.102")).Status.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync("/v2.1/flavors?rxtx_factor=1", "2.102")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await client.GetAsync("/v2.1/os-keypairs?limit=1", "2.102")).Status.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync("/v2.1/os-keypairs?bogus=1", "2.102")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await client.GetAsync($"/v2.1/servers/{id}/os-instance-actions?limit=1", "2.102")).Status.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync("/v2.1/os-availability-zone?x=1", "2.102")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await client.GetAsync($"/v2.1/servers/{id}/ips?x=1", "2.102")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await client.GetAsync("/v2.1/servers?bogus=1", "2.102")).Status.Should().Be(HttpStatusCode.BadRequest, "the list's own check, strict since 2.75");
    }

    [Fact]
    public async Task From_2_99_spice_direct_is_a_console_type_and_the_token_shows_its_tls_port()
    {
        using var client = NewProject();
        var id = await client.CreateServerAsync("spicy");
        await client.WaitForStatusAsync(id, "ACTIVE");
        var below = await client.PostAsync($"/v2.1/servers/{id}/remote-consoles", """{"remote_console": {"protocol": "spice", "type": "spice-direct"}}""", "2.98");
        below.Status.Should().Be(HttpStatusCode.BadRequest);
        Message(below).Should().Contain("remote_console/type");
        var vnc = await client.PostAsync($"/v2.1/servers/{id}/remote-consoles", """{"remote_console": {"protocol": "vnc", "type": "novnc"}}""", "2.99");
        vnc.Status.Should().Be(HttpStatusCode.OK, vnc.Body);
        var token = vnc.Json["remote_console"]!["url"]!.GetValue<string>().Split("token=")[1];

        using var admin = NovaClient.For(fixture.Host, "admin:admin");
        (await admin.GetAsync($"/v2.1/os-console-auth-tokens/{token}", "2.98")).Json["console"]!.AsObject().ContainsKey("tls_port").Should().BeFalse();
        var shown = (await admin.GetAsync($"/v2.1/os-console-auth-tokens/{token}", "2.99")).Json["console"]!.AsObject();
        shown.ContainsKey("tls_port").Should().BeTrue();
        (await admin.GetAsync($"/v2.1/os-console-auth-tokens/{token}?x=1", "2.98")).Status.Should().Be(HttpStatusCode.OK);
        (await admin.GetAsync($"/v2.1/os-console-auth-tokens/{token}?x=1", "2.99")).Status.Should().Be(HttpStatusCode.BadRequest);
    }
}

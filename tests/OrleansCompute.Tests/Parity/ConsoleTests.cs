using System.Net;
using OrleansCompute.Tests.Http;

namespace OrleansCompute.Tests.Parity;

/// <summary>
/// Issue 15, item 2: remote-consoles (2.6+), the legacy os-get*Console actions below 2.6, and the admin's
/// os-console-auth-tokens, whose tokens the URLs carry.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class ConsoleTests(HostFixture fixture)
{
    private static async Task<string> ActiveServerAsync(NovaClient client)
    {
        var id = await client.CreateServerAsync("console");
        await client.WaitForStatusAsync(id, "ACTIVE");
        return id;
    }

    private static string Token(string url) => new Uri(url).Query.Split("token=")[1];

    [Fact]
    public async Task A_remote_console_url_carries_a_token_the_admin_can_look_up()
    {
        using var client = NovaClient.For(fixture.Host, $"user:p{Guid.NewGuid():N}");
        var id = await ActiveServerAsync(client);

        var console = await client.PostAsync($"/v2.1/servers/{id}/remote-consoles", """{"remote_console": {"protocol": "serial", "type": "serial"}}""", "2.6");

        console.Status.Should().Be(HttpStatusCode.OK, console.Body);
        var remote = console.Json["remote_console"]!;
        remote.AsObject().Select(p => p.Key).Should().BeEquivalentTo(["protocol", "type", "url"]);
        var url = remote["url"]!.GetValue<string>();
        new Uri(url).AbsolutePath.Should().Be($"/console/servers/{id}/serial");

        using var admin = NovaClient.For(fixture.Host, "admin:admin");
        var token = await admin.GetAsync($"/v2.1/os-console-auth-tokens/{Token(url)}", "2.31");
        token.Status.Should().Be(HttpStatusCode.OK, token.Body);
        token.Json["console"]!["instance_uuid"]!.GetValue<string>().Should().Be(id);
        token.Json["console"]!.AsObject().Select(p => p.Key).Should().BeEquivalentTo(["instance_uuid", "host", "port", "internal_access_path"]);

        (await admin.GetAsync($"/v2.1/os-console-auth-tokens/{Guid.NewGuid()}", "2.31")).Status.Should().Be(HttpStatusCode.NotFound);
        (await admin.GetAsync($"/v2.1/os-console-auth-tokens/{Token(url)}", "2.30")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await client.GetAsync($"/v2.1/os-console-auth-tokens/{Token(url)}", "2.31")).Status.Should().Be(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("""{"remote_console": {"protocol": "vnc", "type": "serial"}}""", "2.6")]
    [InlineData("""{"remote_console": {"protocol": "vnc", "type": "xvpvnc"}}""", "2.6")]
    [InlineData("""{"remote_console": {"protocol": "rdp", "type": "rdp-html5"}}""", "2.6")]
    [InlineData("""{"remote_console": {"protocol": "mks", "type": "webmks"}}""", "2.7")]
    [InlineData("""{"remote_console": {"protocol": "vnc"}}""", "2.6")]
    [InlineData("""{"remote_console": {"protocol": "vnc", "type": "novnc", "extra": 1}}""", "2.6")]
    public async Task Remote_console_bodies_are_checked_as_nova_checks_them(string body, string version)
    {
        using var client = NovaClient.For(fixture.Host, $"user:p{Guid.NewGuid():N}");
        var id = await ActiveServerAsync(client);

        (await client.PostAsync($"/v2.1/servers/{id}/remote-consoles", body, version)).Status.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Remote_consoles_start_at_2_6_and_the_legacy_actions_end_there()
    {
        using var client = NovaClient.For(fixture.Host, $"user:p{Guid.NewGuid():N}");
        var id = await ActiveServerAsync(client);

        (await client.PostAsync($"/v2.1/servers/{id}/remote-consoles", """{"remote_console": {"protocol": "vnc", "type": "novnc"}}""", "2.5"))
            .Status.Should().Be(HttpStatusCode.NotFound);
        (await client.PostAsync($"/v2.1/servers/{id}/action", """{"os-getVNCConsole": {"type": "novnc"}}""", "2.6")).Status.Should().Be(HttpStatusCode.NotFound);

        var legacy = await client.PostAsync($"/v2.1/servers/{id}/action", """{"os-getVNCConsole": {"type": "novnc"}}""", "2.5");
        legacy.Status.Should().Be(HttpStatusCode.OK, legacy.Body);
        legacy.Json["console"]!.AsObject().Select(p => p.Key).Should().BeEquivalentTo(["type", "url"]);
        new Uri(legacy.Json["console"]!["url"]!.GetValue<string>()).AbsolutePath.Should().Be($"/console/servers/{id}/vnc");

        var mks = await client.PostAsync($"/v2.1/servers/{id}/remote-consoles", """{"remote_console": {"protocol": "mks", "type": "webmks"}}""", "2.8");
        mks.Status.Should().Be(HttpStatusCode.OK, mks.Body);
        (await client.PostAsync($"/v2.1/servers/{id}/action", """{"os-getRDPConsole": {"type": "rdp-html5"}}""")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await client.PostAsync($"/v2.1/servers/{id}/action", """{"os-getSerialConsole": {"type": "novnc"}}""")).Status.Should().Be(HttpStatusCode.BadRequest);
    }
}

using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace OrleansCompute.Console.Tests;

/// <summary>
/// The URL the remote-consoles API hands out opens in a browser that never signed in: the console token is the
/// credential, as with Nova's serial proxy; a wrong token is refused, on the page and on its websocket.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class RemoteConsoleInBrowserTests(ConsoleHostFixture fixture)
{
    [Fact]
    public async Task A_serial_console_url_from_the_api_streams_the_log_without_signing_in_and_a_bad_token_is_refused()
    {
        using var api = await fixture.ApiAsync("demo", "demo");
        api.DefaultRequestHeaders.Add("OpenStack-API-Version", "compute 2.6");
        var id = await ConsoleHostFixture.ActiveServerAsync(api, "token-console-" + Guid.NewGuid().ToString("N")[..6]);

        using var issued = await api.PostAsJsonAsync($"/v2.1/servers/{id}/remote-consoles", new JsonObject
        {
            ["remote_console"] = new JsonObject { ["protocol"] = "serial", ["type"] = "serial" },
        });
        issued.EnsureSuccessStatusCode();
        var url = new Uri((await issued.Content.ReadFromJsonAsync<JsonObject>())!["remote_console"]!["url"]!.ToString());
        url.AbsolutePath.Should().Be($"/console/servers/{id}/serial");

        var context = await fixture.Browser.NewContextAsync();
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        var opened = await page.GotoAsync(url.ToString());
        opened!.Status.Should().Be(200);
        await Expect(page.Locator("#serial")).ToContainTextAsync("login:");
        await Expect(page.Locator("#serial-state")).ToContainTextAsync("Connected");
        (await context.CookiesAsync()).Should().BeEmpty("nobody signed in: the token alone opened the console");

        var forged = await page.GotoAsync(new Uri(fixture.Host.BaseAddress, $"/console/servers/{id}/serial?token={Guid.NewGuid()}").ToString());
        forged!.Status.Should().Be(401);
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("token");

        // The right token for another server's URL is refused too, and so is the websocket behind a bad token.
        var elsewhere = await page.GotoAsync(new Uri(fixture.Host.BaseAddress, $"/console/servers/{Guid.NewGuid()}/serial{url.Query}").ToString());
        elsewhere!.Status.Should().Be(401);
        var socketStatus = await page.EvaluateAsync<string>(
            @"(path) => new Promise(done => { const s = new WebSocket('ws://' + location.host + path);
                s.onopen = () => done('open'); s.onerror = () => done('refused'); })",
            $"/console/servers/{id}/serial/socket?token={Guid.NewGuid()}");
        socketStatus.Should().Be("refused");
        await context.CloseAsync();
    }
}

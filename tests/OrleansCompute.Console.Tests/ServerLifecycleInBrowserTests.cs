using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace OrleansCompute.Console.Tests;

/// <summary>
/// The person's path through the console in a real browser: sign in, a create refused by Nova with its message at
/// the field, a create that turns ACTIVE on the list without a reload, stop and SHUTOFF, the serial console,
/// delete after a confirmation. Screenshots of the pages at 1280x800 and at phone width along the way.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ServerLifecycleInBrowserTests(ConsoleHostFixture fixture)
{
    private static readonly (int Width, int Height)[] Sizes = [(1280, 800), (390, 844)];

    [Fact]
    public async Task A_member_creates_watches_stops_opens_the_console_of_and_deletes_a_server()
    {
        var page = await fixture.SignInAsync("demo", "demo");
        await Expect(page.Locator("#live-state")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Live"));

        // Nova's schema message comes back at the field it is about.
        await page.GetByRole(AriaRole.Link, new() { Name = "Create server" }).ClickAsync();
        await page.GetByLabel("Name").FillAsync("browser-1");
        await page.GetByLabel("Count").FillAsync("0");
        await page.GetByLabel("Metadata (one key=value a line)").FillAsync("owner=browser");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Expect(page.Locator("#count-error")).ToContainTextAsync("min_count");
        await Expect(page.GetByLabel("Count")).ToHaveAttributeAsync("aria-invalid", "true");
        await ScreenshotsAsync(page, "create");

        // A valid create: BUILD on the list first, then ACTIVE from the event stream, with no navigation between.
        await page.GetByLabel("Count").FillAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await page.WaitForURLAsync("**/console/servers?notice=*");
        var row = page.Locator("tr", new() { Has = page.GetByRole(AriaRole.Link, new() { Name = "browser-1" }) });
        var status = row.Locator("[data-field=status]");
        await Expect(status).ToHaveTextAsync("BUILD");
        await page.EvaluateAsync("() => { window.__stillTheSamePage = true; }");
        await Expect(status).ToHaveTextAsync("ACTIVE", new() { Timeout = 20_000 });
        (await page.EvaluateAsync<bool>("() => window.__stillTheSamePage === true")).Should().BeTrue("the row changed without a reload");
        await ScreenshotsAsync(page, "servers");

        // The server's page offers what ACTIVE allows (stop, not start); stop turns it SHUTOFF live.
        await row.GetByRole(AriaRole.Link, new() { Name = "browser-1" }).ClickAsync();
        await Expect(page.Locator("#server-details [data-action=stop]")).ToBeVisibleAsync();
        await Expect(page.Locator("#server-details [data-action=start]")).ToHaveCountAsync(0);
        await Expect(page.Locator("dl.fields").First).ToContainTextAsync("OS-EXT-STS:vm_state");
        await ScreenshotsAsync(page, "server");
        await page.Locator("[data-action=stop]").ClickAsync();
        await Expect(page.Locator("#server-details [data-field=status]")).ToHaveTextAsync("SHUTOFF", new() { Timeout = 20_000 });
        await Expect(page.Locator("#server-details [data-action=start]")).ToBeVisibleAsync();
        await Expect(page.Locator("#server-details [data-action=stop]")).ToHaveCountAsync(0);

        // The serial console streams the console log over the websocket.
        await page.GetByRole(AriaRole.Link, new() { Name = "Serial console", Exact = true }).ClickAsync();
        await Expect(page.Locator("#serial")).ToContainTextAsync("login:");
        await Expect(page.Locator("#serial-state")).ToContainTextAsync("Connected");
        await ScreenshotsAsync(page, "serial-console");

        await page.GotoAsync(new Uri(fixture.Host.BaseAddress, "/console/limits").ToString());
        await Expect(page.Locator("meter").First).ToBeVisibleAsync();
        await ScreenshotsAsync(page, "limits");

        // Delete asks first; then the row leaves the list by itself.
        await page.GotoAsync(new Uri(fixture.Host.BaseAddress, "/console/servers").ToString());
        await row.GetByRole(AriaRole.Link, new() { Name = "browser-1" }).ClickAsync();
        await page.Locator("[data-action=delete]").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alertdialog)).ToContainTextAsync("browser-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await page.WaitForURLAsync("**/console/servers?notice=*");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "browser-1" })).ToHaveCountAsync(0, new() { Timeout = 20_000 });
        await page.Context.CloseAsync();
    }

    private async Task ScreenshotsAsync(IPage page, string name)
    {
        foreach (var (width, height) in Sizes)
        {
            await page.SetViewportSizeAsync(width, height);
            await fixture.ScreenshotAsync(page, name);
        }

        await page.SetViewportSizeAsync(Sizes[0].Width, Sizes[0].Height);
    }
}

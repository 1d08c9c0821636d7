using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace OrleansCompute.Console.Tests;

/// <summary>The project's other pages: key pairs (a generated private key shown once), server groups, images, keyboard use.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ProjectResourcesInBrowserTests(ConsoleHostFixture fixture)
{
    [Fact]
    public async Task A_member_creates_a_key_pair_and_a_server_group_and_lists_the_images()
    {
        var page = await fixture.SignInAsync("alt_demo", "alt_demo");
        var name = "kp-" + Guid.NewGuid().ToString("N")[..6];

        await page.GetByRole(AriaRole.Link, new() { Name = "Key pairs" }).ClickAsync();
        await page.GetByLabel("Name").FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key pair" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Private key (shown once)" })).ToBeVisibleAsync();
        await Expect(page.Locator("pre.terminal")).ToContainTextAsync("PRIVATE KEY");
        await Expect(page.GetByRole(AriaRole.Rowheader, new() { Name = name })).ToBeVisibleAsync();
        // A second key pair of the same name is Nova's 409, shown on the page.
        await page.GetByLabel("Name").FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key pair" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync(name);

        await page.GetByRole(AriaRole.Link, new() { Name = "Server groups" }).ClickAsync();
        await page.GetByLabel("Name").FillAsync("group-" + name);
        await page.GetByLabel("Policy").SelectOptionAsync("affinity");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create server group" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Row, new() { Name = "group-" + name })).ToContainTextAsync("affinity");

        await page.GetByRole(AriaRole.Link, new() { Name = "Images" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Rowheader, new() { Name = "cirros-0.6.2-x86_64-disk" })).ToBeVisibleAsync();

        // The skip link is the first stop of the keyboard and moves it to the content.
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#main")).ToBeFocusedAsync();
        await page.Context.CloseAsync();
    }
}

using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace OrleansCompute.Console.Tests;

/// <summary>The console shows what policy lets the signed-in user see: another project's servers are not there, admin pages are for admins.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class VisibilityInBrowserTests(ConsoleHostFixture fixture)
{
    [Fact]
    public async Task Another_project_does_not_see_the_server_a_member_gets_no_admin_page_and_the_admin_sees_all()
    {
        var name = "visible-" + Guid.NewGuid().ToString("N")[..6];
        using var demo = await fixture.ApiAsync("demo", "demo");
        // ACTIVE, so that it is on a host when the admin page lists the hosts and their load.
        await ConsoleHostFixture.ActiveServerAsync(demo, name);

        var member = await fixture.SignInAsync("demo", "demo");
        await Expect(member.GetByRole(AriaRole.Link, new() { Name = name })).ToBeVisibleAsync();
        await Expect(member.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Admin" })).ToHaveCountAsync(0);
        var admin = await member.GotoAsync(new Uri(fixture.Host.BaseAddress, "/console/admin").ToString());
        admin!.Status.Should().Be(403);
        await Expect(member.GetByRole(AriaRole.Alert)).ToContainTextAsync("admin role");

        var other = await fixture.SignInAsync("alt_demo", "alt_demo");
        await Expect(other.Locator("#servers")).ToBeVisibleAsync();
        await Expect(other.GetByRole(AriaRole.Link, new() { Name = name })).ToHaveCountAsync(0);

        var operatorPage = await fixture.SignInAsync("admin", "admin");
        await operatorPage.GetByRole(AriaRole.Link, new() { Name = "Admin" }).ClickAsync();
        await Expect(operatorPage.Locator("#all-servers")).ToContainTextAsync(name);
        await Expect(operatorPage.Locator("#hosts tbody tr").First).ToBeVisibleAsync();
        foreach (var (width, height) in new[] { (1280, 800), (390, 844) })
        {
            await operatorPage.SetViewportSizeAsync(width, height);
            await fixture.ScreenshotAsync(operatorPage, "admin");
        }

        await Task.WhenAll(member.Context.CloseAsync(), other.Context.CloseAsync(), operatorPage.Context.CloseAsync());
    }
}

using System.Net.Http.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace OrleansCompute.Console.Tests;

/// <summary>The actions with parameters on a server's page: Nova's refusal at the field, then a resize confirmed to the new flavor.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ServerFormsInBrowserTests(ConsoleHostFixture fixture)
{
    [Fact]
    public async Task A_member_resizes_a_server_from_its_page_sees_verify_resize_and_confirms_it_to_the_new_flavor()
    {
        var name = "resize-" + Guid.NewGuid().ToString("N")[..6];
        using var api = await fixture.ApiAsync("demo", "demo");
        var id = await ConsoleHostFixture.ActiveServerAsync(api, name);

        var page = await fixture.SignInAsync("demo", "demo");
        await page.GotoAsync(new Uri(fixture.Host.BaseAddress, $"/console/servers/{id}").ToString());
        await Expect(page.Locator("[data-form=rebuild]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-form=create-image]")).ToBeVisibleAsync();

        // The same flavor: Nova's 400 comes back at the flavor field.
        await page.GetByLabel("New flavor").SelectOptionAsync("1");
        await page.Locator("[data-form=resize] button").ClickAsync();
        await Expect(page.Locator("#resize-flavor-error")).ToContainTextAsync("flavor");
        await Expect(page.GetByLabel("New flavor")).ToHaveAttributeAsync("aria-invalid", "true");

        await page.GetByLabel("New flavor").SelectOptionAsync("2");
        await page.Locator("[data-form=resize] button").ClickAsync();
        await Expect(page.Locator("#server-details [data-field=status]")).ToHaveTextAsync("VERIFY_RESIZE", new() { Timeout = 20_000 });
        await page.Locator("#server-details [data-action=confirm-resize]").ClickAsync();
        await Expect(page.Locator("#server-details [data-field=status]")).ToHaveTextAsync("ACTIVE", new() { Timeout = 20_000 });
        var flavor = (await api.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>($"/v2.1/servers/{id}"))!["server"]!["flavor"]!;
        flavor["id"]?.ToString().Should().Be("2", "the flavor view at 2.1 names the new flavor");
        await Expect(page.Locator("#server-details dl.fields")).ToContainTextAsync("m1.small");
        await page.Context.CloseAsync();
    }
}

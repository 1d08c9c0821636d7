using Microsoft.Playwright;
using OrleansCompute.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OrleansCompute.Console.Tests;

/// <summary>
/// A host in keystone mode (the shared host's identity service plays the external Keystone): people sign in to
/// its console with that Keystone, and its API accepts the token.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class KeystoneSignInInBrowserTests(ConsoleHostFixture fixture)
{
    [Fact]
    public async Task A_member_signs_in_through_the_external_keystone()
    {
        using var directory = new TempDirectory();
        await using var host = new HostProcess(
            directory.Path,
            "--Compute:Auth:Mode=keystone",
            $"--Compute:Auth:Keystone:AuthUrl={new Uri(fixture.Host.BaseAddress, "/identity/v3")}",
            "--Compute:Auth:Keystone:Username=admin",
            $"--Compute:Auth:Keystone:Password={ConsoleHostFixture.Passwords["admin"]}",
            "--Compute:Auth:Keystone:ProjectName=admin");
        await host.StartAsync();

        var page = await fixture.SignInAsync("demo", "demo", host: host.BaseAddress);
        await Expect(page.Locator("form.who")).ToContainTextAsync("demo · project demo");
        await Expect(page.Locator("#servers")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }
}

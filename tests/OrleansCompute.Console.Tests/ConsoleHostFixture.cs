using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Console.Tests;

/// <summary>
/// One real host (built-in identity, known passwords, a spawn long enough that BUILD is seen) and one headless
/// Debian chromium driven by Playwright, shared by the console's tests. Playwright starts the browser with a fresh
/// temporary profile of its own (the --user-data-dir) and its shipped driver; no browser is ever downloaded.
/// </summary>
public sealed class ConsoleHostFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public static readonly IReadOnlyDictionary<string, string> Passwords = new Dictionary<string, string>
    {
        ["admin"] = "admin-console-pw", ["demo"] = "demo-console-pw", ["alt_demo"] = "alt-console-pw",
    };

    private readonly TempDirectory _directory = new();
    private IPlaywright? _playwright;

    public HostProcess Host { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where the screenshots go: ORLEANSCOMPUTE_SCREENSHOTS, or screenshots/ beside the test assembly.</summary>
    public string ScreenshotDirectory { get; } = Environment.GetEnvironmentVariable("ORLEANSCOMPUTE_SCREENSHOTS") is { Length: > 0 } d
        ? d : Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        File.Exists(ChromiumPath).Should().BeTrue("Debian's chromium is installed by tests/prerequisites.sh");
        var arguments = new List<string>
        {
            HostProcess.IdentityMode, "--Compute:FakeDriver:SpawnSeconds=3", "--Compute:FakeDriver:DefaultSeconds=1",
            "--Compute:Console:SerialConsoleInterval=00:00:00.300",
        };
        arguments.AddRange(Passwords.Select(p => $"--Compute:Identity:Users:{p.Key}:Password={p.Value}"));
        Host = new HostProcess(_directory.Path, [.. arguments]);
        var starting = Host.StartAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });
        await starting;
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    /// <summary>A fresh browser context (own cookies) with a page signed in as <paramref name="user"/> (on <paramref name="host"/>, default the shared host).</summary>
    public async Task<IPage> SignInAsync(string user, string project, int width = 1280, int height = 800, Uri? host = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(host ?? Host.BaseAddress, "/console/").ToString());
        await page.GetByLabel("User").FillAsync(user);
        await page.GetByLabel("Password").FillAsync(Passwords[user]);
        await page.GetByLabel("Project").FillAsync(project);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/console/servers");
        return page;
    }

    /// <summary>A project-scoped token from the identity service, as the CLI gets one.</summary>
    public async Task<string> TokenAsync(string user, string project)
    {
        using var client = new HttpClient { BaseAddress = Host.BaseAddress };
        var body = new JsonObject
        {
            ["auth"] = new JsonObject
            {
                ["identity"] = new JsonObject
                {
                    ["methods"] = new JsonArray("password"),
                    ["password"] = new JsonObject
                    {
                        ["user"] = new JsonObject { ["name"] = user, ["domain"] = new JsonObject { ["id"] = "default" }, ["password"] = Passwords[user] },
                    },
                },
                ["scope"] = new JsonObject { ["project"] = new JsonObject { ["name"] = project, ["domain"] = new JsonObject { ["id"] = "default" } } },
            },
        };
        using var response = await client.PostAsJsonAsync("/identity/v3/auth/tokens", body);
        response.EnsureSuccessStatusCode();
        return response.Headers.GetValues("X-Subject-Token").Single();
    }

    /// <summary>An API client with a token of <paramref name="user"/> in <paramref name="project"/>, as the CLI would send.</summary>
    public async Task<HttpClient> ApiAsync(string user, string project)
    {
        var client = new HttpClient { BaseAddress = Host.BaseAddress };
        client.DefaultRequestHeaders.Add("X-Auth-Token", await TokenAsync(user, project));
        return client;
    }

    /// <summary>Creates an m1.tiny server through the API with <paramref name="api"/>'s token and waits until it is ACTIVE; its id.</summary>
    public static async Task<string> ActiveServerAsync(HttpClient api, string name)
    {
        using var created = await api.PostAsJsonAsync("/v2.1/servers", new JsonObject
        {
            ["server"] = new JsonObject { ["name"] = name, ["flavorRef"] = "1", ["imageRef"] = "70a599e0-31e7-49b7-b260-868f441e862b" },
        });
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["server"]!["id"]!.ToString();
        await Eventually.Until(
            async () => (await api.GetFromJsonAsync<JsonObject>($"/v2.1/servers/{id}"))!["server"]!["status"]!.ToString(),
            status => status == "ACTIVE", TimeSpan.FromSeconds(20), "the server turns ACTIVE");
        return id;
    }

    public async Task ScreenshotAsync(IPage page, string name)
    {
        var size = page.ViewportSize!;
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, $"console-{name}-{size.Width}.png") });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (Host is not null)
        {
            // The host's log beside the screenshots: what to read when a browser test fails.
            await File.WriteAllTextAsync(Path.Combine(ScreenshotDirectory, "host-output.log"), Host.Output);
            await Host.DisposeAsync();
        }

        _directory.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleHostFixture>
{
    public const string Name = "console";
}

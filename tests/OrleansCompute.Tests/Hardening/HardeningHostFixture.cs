using System.Net;
using System.Text.Json;
using OrleansCompute.Tests.Http;
using OrleansCompute.Tests.Identity;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Hardening;

/// <summary>
/// One real host in the product's default mode (built-in identity), as an attacker meets it: real tokens for
/// demo, alt_demo and admin, one ACTIVE server in demo, the security group <c>web</c> configured besides
/// <c>default</c>, and a page size of at most <see cref="MaxLimit"/>.
/// </summary>
public sealed class HardeningHostFixture : IAsyncLifetime
{
    public const int MaxLimit = 3;

    private readonly TempDirectory _data = new();

    public HostProcess Host { get; private set; } = null!;

    public NovaClient Demo { get; private set; } = null!;

    public NovaClient AltDemo { get; private set; } = null!;

    public NovaClient Admin { get; private set; } = null!;

    public string DemoToken { get; private set; } = "";

    public string DemoProjectId { get; private set; } = "";

    /// <summary>An ACTIVE server of project demo.</summary>
    public string DemoServerId { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Host = new HostProcess(
            _data.Path,
            HostProcess.IdentityMode,
            "--Compute:FakeDriver:SpawnSeconds=0.05",
            "--Compute:FakeDriver:DefaultSeconds=0.05",
            "--Compute:Catalog:SecurityGroups:0=web",
            $"--Compute:Api:MaxLimit={MaxLimit}");
        await Host.StartAsync();
        var passwordFile = Path.Combine(_data.Path, "identity", "passwords.json");
        await Eventually.Until(() => Task.FromResult(File.Exists(passwordFile)), exists => exists, because: "the host writes the generated passwords");
        var passwords = JsonSerializer.Deserialize<Dictionary<string, string>>(await File.ReadAllTextAsync(passwordFile))!;
        DemoToken = await TokenAsync("demo", passwords["demo"]);
        Demo = NovaClient.For(Host, DemoToken);
        AltDemo = NovaClient.For(Host, await TokenAsync("alt_demo", passwords["alt_demo"]));
        Admin = NovaClient.For(Host, await TokenAsync("admin", passwords["admin"]));
        DemoServerId = await Demo.CreateServerAsync("hardening-probe");
        var server = await Demo.WaitForStatusAsync(DemoServerId, "ACTIVE");
        DemoProjectId = server["tenant_id"]!.GetValue<string>();
    }

    private async Task<string> TokenAsync(string user, string password)
    {
        using var http = new HttpClient { BaseAddress = Host.BaseAddress };
        using var response = await http.PostAsync("/identity/v3/auth/tokens", IdentityHostFixture.PasswordAuth(user, password));
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return response.Headers.GetValues("X-Subject-Token").Single();
    }

    public async Task DisposeAsync()
    {
        Demo?.Dispose();
        AltDemo?.Dispose();
        Admin?.Dispose();
        await Host.DisposeAsync();
        _data.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class HardeningHostCollection : ICollectionFixture<HardeningHostFixture>
{
    public const string Name = "hardening-host";
}

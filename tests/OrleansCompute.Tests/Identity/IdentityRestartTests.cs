using System.Net;
using OrleansCompute.Tests.Http;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Identity;

/// <summary>What the built-in identity service keeps in the data directory survives a restart.</summary>
[CollectionDuration(112)]
public sealed class IdentityRestartTests
{
    [Fact]
    public async Task Tokens_passwords_and_clouds_yaml_survive_a_restart()
    {
        using var directory = new TempDirectory();
        await using var host = new HostProcess(directory.Path, HostProcess.IdentityMode);
        await host.StartAsync();
        var clouds = Path.Combine(directory.Path, "clouds.yaml");
        await Eventually.Until(() => Task.FromResult(File.Exists(clouds)), exists => exists);
        var passwords = await File.ReadAllTextAsync(Path.Combine(directory.Path, "identity", "passwords.json"));
        var yaml = await File.ReadAllTextAsync(clouds);
        yaml.Should().Contain("orleanscompute-admin:").And.Contain("orleanscompute-demo:").And.Contain("orleanscompute-alt-demo:");
        yaml.Should().Contain($"auth_url: {host.BaseAddress}identity/v3");
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(clouds).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite, "it holds passwords");
        }

        // The console logger writes asynchronously: the line follows the file shortly.
        await Eventually.Until(
            () => Task.FromResult(host.Output),
            output => output.Contains($"OS_CLIENT_CONFIG_FILE={clouds} openstack --os-cloud orleanscompute-demo server list", StringComparison.Ordinal),
            because: "the host prints where clouds.yaml is and how to use it");

        var demoPassword = System.Text.Json.JsonDocument.Parse(passwords).RootElement.GetProperty("demo").GetString()!;
        string token;
        using (var http = new HttpClient { BaseAddress = host.BaseAddress })
        {
            using var response = await http.PostAsync("/identity/v3/auth/tokens", IdentityHostFixture.PasswordAuth("demo", demoPassword));
            response.StatusCode.Should().Be(HttpStatusCode.Created);
            token = response.Headers.GetValues("X-Subject-Token").Single();
        }

        string id;
        using (var client = NovaClient.For(host, token))
        {
            id = await client.CreateServerAsync("identity-restart");
        }

        await host.StopAsync();
        await host.StartAsync();

        (await File.ReadAllTextAsync(Path.Combine(directory.Path, "identity", "passwords.json"))).Should().Be(passwords, "generated passwords are kept, not generated again");
        using var after = NovaClient.For(host, token);
        (await after.GetAsync($"/v2.1/servers/{id}")).Status.Should().Be(HttpStatusCode.OK, "a token issued before the restart is still valid");
    }

    [Fact]
    public async Task Configured_passwords_are_used_and_not_written_down()
    {
        using var directory = new TempDirectory();
        await using var host = new HostProcess(directory.Path, HostProcess.IdentityMode, "--Compute:Identity:Users:demo:Password=configured-secret");
        await host.StartAsync();
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        using var response = await http.PostAsync("/identity/v3/auth/tokens", IdentityHostFixture.PasswordAuth("demo", "configured-secret"));
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var kept = await File.ReadAllTextAsync(Path.Combine(directory.Path, "identity", "passwords.json"));
        kept.Should().Contain("\"admin\"").And.NotContain("\"demo\"").And.NotContain("configured-secret");
    }
}

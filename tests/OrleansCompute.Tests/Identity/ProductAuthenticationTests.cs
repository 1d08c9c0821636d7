using System.Net;
using System.Text;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Identity;

/// <summary>
/// An embedding product that authenticates by itself (samples/EmbeddedHost: MapOrleansCompute with ResolveCaller)
/// in the product's default auth mode, identity: the built-in identity service is not served and not bootstrapped.
/// </summary>
public sealed class ProductAuthenticationTests
{
    [Fact]
    public async Task With_ResolveCaller_no_password_is_generated_no_clouds_yaml_is_written_and_identity_routes_are_404()
    {
        using var directory = new TempDirectory();
        await using var host = new HostProcess(RepositoryPaths.SampleAssembly("EmbeddedHost"), directory.Path, [HostProcess.IdentityMode]);
        await host.StartAsync();
        // The bootstrap would have written clouds.yaml when the host started: wait until it has started.
        await Eventually.Until(() => Task.FromResult(host.Output), output => output.Contains("Application started", StringComparison.Ordinal), because: "the host logs its start");

        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        http.DefaultRequestHeaders.Add("X-Product-Key", "alice/project-a");
        using (var servers = await http.GetAsync("/compute/v2.1/servers"))
        {
            servers.StatusCode.Should().Be(HttpStatusCode.OK, "the product's own authentication names the caller");
        }

        foreach (var path in new[] { "/compute/identity/v3", "/compute/identity", "/identity/v3" })
        {
            using var response = await http.GetAsync(path);
            response.StatusCode.Should().Be(HttpStatusCode.NotFound, $"{path} is not served when the product authenticates");
        }

        using (var issue = await http.PostAsync("/compute/identity/v3/auth/tokens", new StringContent("{}", Encoding.UTF8, "application/json")))
        {
            issue.StatusCode.Should().Be(HttpStatusCode.NotFound);
        }

        File.Exists(Path.Combine(directory.Path, "clouds.yaml")).Should().BeFalse();
        Directory.Exists(Path.Combine(directory.Path, "identity")).Should().BeFalse("no password file and no token keys are made");
        host.Output.Should().NotContain("clouds.yaml");
    }
}

using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Testing.Tests.Packaging;

/// <summary>
/// What a product gets from a feed: every library packs (symbols beside it, no stable package depending on a
/// prerelease), and samples/EmbeddedHost builds against the PACKAGES (not the projects) and serves servers.
/// A package that lacks a dependency, an assembly or a generated serializer fails here.
/// </summary>
[Collection(PackageFeedCollection.Name)]
public sealed class EmbeddedHostFromPackagesTests(PackageFeed feed)
{
    private static readonly string[] Libraries =
        ["Abstractions", "Api", "Grains", "Persistence", "Hosting", "Hosting.Prometheus", "Testing"];

    [Fact]
    public void Every_library_is_packed_with_its_symbols_and_stable_packages_depend_on_stable_ones_only()
    {
        foreach (var library in Libraries)
        {
            var id = "OrleansCompute." + library;
            var package = feed.PackageOf(id).Should().ContainSingle(id).Subject;
            File.Exists(Path.ChangeExtension(package, ".snupkg")).Should().BeTrue($"{id} has a symbols package");

            using var archive = ZipFile.OpenRead(package);
            archive.Entries.Should().Contain(e => e.FullName == $"lib/net10.0/{id}.dll").And.Contain(e => e.FullName == $"lib/net10.0/{id}.xml").And.Contain(e => e.FullName == "README.md");
            using var reader = new StreamReader(archive.GetEntry(id + ".nuspec")!.Open());
            var nuspec = XDocument.Parse(reader.ReadToEnd());
            var ns = nuspec.Root!.Name.Namespace;
            var metadata = nuspec.Root.Element(ns + "metadata")!;
            metadata.Element(ns + "license")!.Value.Should().Be("Apache-2.0");
            metadata.Element(ns + "description")!.Value.Should().NotBeNullOrWhiteSpace();
            var version = metadata.Element(ns + "version")!.Value;
            if (!version.Contains('-', StringComparison.Ordinal))
            {
                metadata.Descendants(ns + "dependency").Select(d => d.Attribute("version")!.Value)
                    .Should().NotContain(v => v.Contains('-', StringComparison.Ordinal), $"{id} {version} is stable (NU5104)");
            }
        }

        feed.PackageOf("OrleansCompute.Hosting.Prometheus").Single().Should().Contain("-", "the Prometheus add-on is a prerelease, as its exporter");
    }

    [Fact]
    public async Task The_embedded_host_sample_built_against_the_packages_creates_a_server()
    {
        var sample = feed.CopySample("EmbeddedHost");
        var build = await PackageFeed.Run(sample, "build", "-c", "Release", "-nologo", "-v", "quiet", "-clp:ErrorsOnly", $"-p:OrleansComputePackageVersion={feed.Version}");
        build.ExitCode.Should().Be(0, build.Output);
        var assets = await File.ReadAllTextAsync(Path.Combine(sample, "obj", "project.assets.json"));
        assets.Should().Contain($"\"OrleansCompute.Hosting/{feed.Version}\"", "the sample took the package").And.NotContain("\"type\": \"project\"", "and no project of the repository");

        using var data = new TempDirectory();
        await using var host = new HostProcess(Path.Combine(sample, "bin", "Release", "net10.0", "EmbeddedHost.dll"), data.Path, ["--Compute:FakeDriver:SpawnSeconds=0.1"]);
        await host.StartAsync();
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        http.DefaultRequestHeaders.Add("X-Product-Key", "alice/project-a");
        using var create = await http.PostAsync("/compute/v2.1/servers", new StringContent(
            """{"server": {"name": "packaged", "flavorRef": "product.small", "imageRef": "70a599e0-31e7-49b7-b260-868f441e862b"}}""", Encoding.UTF8, "application/json"));
        create.StatusCode.Should().Be(HttpStatusCode.Accepted, await create.Content.ReadAsStringAsync());
        var id = JsonNode.Parse(await create.Content.ReadAsStringAsync())!["server"]!["id"]!.GetValue<string>();
        await Eventually.Until(
            async () => JsonNode.Parse(await http.GetStringAsync($"/compute/v2.1/servers/{id}"))!["server"]!["status"]!.GetValue<string>(),
            status => status == "ACTIVE",
            TimeSpan.FromSeconds(30),
            because: "the server should build in the sample made of packages");
    }
}

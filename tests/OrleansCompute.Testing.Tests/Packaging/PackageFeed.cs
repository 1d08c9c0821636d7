using System.Diagnostics;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Testing.Tests.Packaging;

/// <summary>
/// The libraries packed once (<c>dotnet pack OrleansCompute.sln --no-build</c>, the configuration the tests were built
/// in) into a folder feed, and a consumer tree beside it: the repository's Directory.*.props and a nuget.config with
/// that feed before the usual sources and a packages folder of its own, so the packages under test never enter (or
/// come from) the machine's package cache while everything else restores from it.
/// </summary>
public sealed class PackageFeed : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();

    public string Feed => Path.Combine(_directory.Path, "feed");

    public string Consumer => Path.Combine(_directory.Path, "consumer");

    public string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    /// <summary>The version of the stable packages (OrleansCompute.Hosting's).</summary>
    public string Version { get; private set; } = "";

    public string PackOutput { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var pack = await Run(RepositoryPaths.Root, "pack", "OrleansCompute.sln", "-c", Configuration, "--no-build", "-nologo", "-o", Feed);
        PackOutput = pack.Output;
        pack.ExitCode.Should().Be(0, pack.Output);
        var hosting = PackageOf("OrleansCompute.Hosting").Should().ContainSingle().Subject;
        Version = Path.GetFileNameWithoutExtension(hosting)["OrleansCompute.Hosting.".Length..];

        Directory.CreateDirectory(Consumer);
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props" })
        {
            File.Copy(Path.Combine(RepositoryPaths.Root, file), Path.Combine(Consumer, file));
        }

        var cache = (await Run(Consumer, "nuget", "locals", "global-packages", "--list")).Output.Split(':', 2)[1].Trim();
        await File.WriteAllTextAsync(Path.Combine(Consumer, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{Path.Combine(Consumer, "packages")}" />
              </config>
              <fallbackPackageFolders>
                <add key="machine" value="{cache}" />
              </fallbackPackageFolders>
              <packageSources>
                <add key="orleanscompute-feed" value="{Feed}" />
              </packageSources>
            </configuration>
            """);
    }

    public Task DisposeAsync()
    {
        _directory.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>The packages (not symbols) of exactly this id in the feed: <c>ID.VERSION.nupkg</c>, a version starting with a digit.</summary>
    public IReadOnlyList<string> PackageOf(string id) =>
        [.. Directory.GetFiles(Feed, id + ".*.nupkg").Where(f => char.IsAsciiDigit(Path.GetFileName(f)[(id.Length + 1)..][0]))];

    /// <summary>Copies a sample (its sources, not its build output) into the consumer tree, at the same relative place.</summary>
    public string CopySample(string name)
    {
        var source = Path.Combine(RepositoryPaths.Root, "samples", name);
        var target = Path.Combine(Consumer, "samples", name);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal) || relative.StartsWith("obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(target, relative))!);
            File.Copy(file, Path.Combine(target, relative));
        }

        return target;
    }

    /// <summary>Runs the dotnet CLI and returns its exit code and output (standard output and error together).</summary>
    public static async Task<(int ExitCode, string Output)> Run(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        // Not the test run's MSBuild node or settings: a build of its own.
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");
        start.Environment.Remove("MSBuildSDKsPath");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }
}

[CollectionDefinition(Name)]
public sealed class PackageFeedCollection : ICollectionFixture<PackageFeed>
{
    public const string Name = "package-feed";
}

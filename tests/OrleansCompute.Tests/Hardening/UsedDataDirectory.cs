using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Hardening;

/// <summary>
/// A data directory the host has run on in identity mode (identity/ and clouds.yaml written), then stopped: made
/// once per test class, handed to each test as a copy of its own (files with their modes), so that the tests that
/// damage it do not need a host start and stop each to make one.
/// </summary>
public sealed class UsedDataDirectory : IAsyncLifetime
{
    private readonly TempDirectory _template = new();

    public async Task InitializeAsync()
    {
        await using var host = new HostProcess(_template.Path, HostProcess.IdentityMode);
        await host.StartAsync();
        await Eventually.Until(() => Task.FromResult(File.Exists(Path.Combine(_template.Path, "clouds.yaml"))), exists => exists, because: "the host writes clouds.yaml once it listens");
        await host.StopAsync();
    }

    /// <summary>A fresh copy of the used data directory; the caller disposes it.</summary>
    public TempDirectory Copy()
    {
        var copy = new TempDirectory();
        CopyContents(_template.Path, copy.Path);
        return copy;
    }

    public Task DisposeAsync()
    {
        _template.Dispose();
        return Task.CompletedTask;
    }

    private static void CopyContents(string source, string target)
    {
        CopyMode(source, target);
        foreach (var file in Directory.GetFiles(source))
        {
            var copied = Path.Combine(target, Path.GetFileName(file));
            File.Copy(file, copied);
            CopyMode(file, copied);
        }

        foreach (var directory in Directory.GetDirectories(source))
        {
            var copied = Directory.CreateDirectory(Path.Combine(target, Path.GetFileName(directory))).FullName;
            CopyContents(directory, copied);
        }
    }

    /// <summary>The same permissions as the original (the host writes its secrets 0600): a copy the host sees as it left it.</summary>
    private static void CopyMode(string source, string target)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(target, File.GetUnixFileMode(source));
        }
    }
}

using System.Diagnostics;
using System.Globalization;

namespace OrleansCompute.Tests.Hardening;

/// <summary>
/// A real, small filesystem that a test can fill and free, without root: a size-limited tmpfs mounted in a user
/// and mount namespace of its own (<c>unshare --user --map-root-user --mount</c>: an unprivileged user may mount a
/// tmpfs inside a user namespace it owns). A holder process keeps the namespace, so the mount outlives the hosts
/// run inside it (<see cref="Launcher"/>): a host can be killed and started again on the same files. Only processes
/// in the namespace see the mount; the test reaches it through nsenter.
/// </summary>
internal sealed class SmallFilesystem : IDisposable
{
    private readonly Process _holder;

    private SmallFilesystem(string path, Process holder)
    {
        Path = path;
        _holder = holder;
    }

    /// <summary>The mount point (the data directory to give the host).</summary>
    public string Path { get; }

    /// <summary>nsenter into the holder's namespaces: the prefix that runs a program (the host) on this filesystem.</summary>
    public IReadOnlyList<string> Launcher => ["nsenter", "-t", _holder.Id.ToString(CultureInfo.InvariantCulture), "-U", "-m", "--preserve-credentials"];

    public static async Task<SmallFilesystem> MountAsync(string path, int megabytes)
    {
        Directory.CreateDirectory(path);
        var info = new ProcessStartInfo("unshare") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["--user", "--map-root-user", "--mount", "--propagation", "private", "sh", "-c",
                     $"mount -t tmpfs -o size={megabytes}m tmpfs \"$1\" && echo mounted && exec sleep 3600", "sh", path])
        {
            info.ArgumentList.Add(argument);
        }

        var holder = Process.Start(info) ?? throw new InvalidOperationException("unshare did not start");
        var line = await holder.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        if (line != "mounted")
        {
            var error = await holder.StandardError.ReadToEndAsync();
            throw new InvalidOperationException($"A tmpfs in a user namespace could not be mounted (unprivileged user namespaces off?): {error}");
        }

        return new SmallFilesystem(path, holder);
    }

    /// <summary>Fills every free byte with a file of zeros: the next write that needs a new block gets ENOSPC.</summary>
    public Task FillAsync() => RunAsync($"dd if=/dev/zero of=\"{Filler}\" bs=64k 2>/dev/null; test -s \"{Filler}\"");

    /// <summary>Deletes the filler: the space returns.</summary>
    public Task FreeAsync() => RunAsync($"rm -f \"{Filler}\"");

    public void Dispose()
    {
        if (!_holder.HasExited)
        {
            _holder.Kill();
            _holder.WaitForExit();
        }

        _holder.Dispose();
    }

    private string Filler => System.IO.Path.Combine(Path, "filler");

    private async Task RunAsync(string script)
    {
        var info = new ProcessStartInfo(Launcher[0]) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in Launcher.Skip(1).Concat(["sh", "-c", script]))
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("nsenter did not start");
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"`{script}` in the namespace exited with {process.ExitCode}: {await error}");
        }
    }
}

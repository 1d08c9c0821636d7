using System.Diagnostics;
using System.Globalization;

namespace OrleansCompute.Tests.Hardening;

/// <summary>
/// Files of a running process made unwritable, for real, without a restart: strace attaches to the process (every
/// thread, <c>-f -p</c>) and, for the system calls on those files only (<c>-P</c>: strace resolves each descriptor
/// to its path), makes every write, sync and truncate fail with EROFS (<c>-e inject=...:error=EROFS</c>), as a file
/// system gone read-only would. Reads and every other file go through untouched. Detaching (SIGINT to strace) ends
/// the fault at once. Neither chmod (open descriptors keep their rights, and root ignores modes) nor a read-only
/// remount (EBUSY while a file is open for writing) can do this to a process that holds its files open.
/// Needs strace (Debian's package, installed by tests/prerequisites.sh) and the right to ptrace the process (root).
/// </summary>
internal sealed class UnwritableFiles : IAsyncDisposable
{
    private const string WriteCalls = "pwrite64,pwritev,write,fsync,fdatasync,ftruncate,fallocate";

    private readonly Process _strace;
    private readonly string _log;

    private UnwritableFiles(Process strace, string log)
    {
        _strace = strace;
        _log = log;
    }

    /// <summary>Makes <paramref name="paths"/> unwritable for process <paramref name="processId"/>; returns once strace has attached.</summary>
    public static async Task<UnwritableFiles> MakeAsync(int processId, IEnumerable<string> paths, string log)
    {
        var info = new ProcessStartInfo("strace") { RedirectStandardError = true, UseShellExecute = false };
        List<string> arguments = ["-f", "-p", processId.ToString(CultureInfo.InvariantCulture), "-o", log, "-e", "trace=" + WriteCalls, "-e", $"inject={WriteCalls}:error=EROFS"];
        foreach (var path in paths)
        {
            arguments.AddRange(["-P", path]);
        }

        arguments.ForEach(info.ArgumentList.Add);
        var strace = Process.Start(info) ?? throw new InvalidOperationException("strace did not start");
        // strace says "Process N attached with M threads" once every thread is traced: from then on the fault holds.
        var line = await strace.StandardError.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        if (line is null || !line.Contains("attached", StringComparison.Ordinal))
        {
            var rest = await strace.StandardError.ReadToEndAsync();
            throw new InvalidOperationException($"strace did not attach to process {processId}: {line}\n{rest}");
        }

        _ = strace.StandardError.ReadToEndAsync();
        return new UnwritableFiles(strace, log);
    }

    /// <summary>How many system calls failed because of the fault so far (strace marks each one INJECTED).</summary>
    public int Injected()
    {
        using var stream = new FileStream(_log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var count = 0;
        while (reader.ReadLine() is { } line)
        {
            count += line.Contains("(INJECTED)", StringComparison.Ordinal) ? 1 : 0;
        }

        return count;
    }

    /// <summary>Detaches strace: the files are writable again; the process runs on as it was.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_strace.HasExited)
        {
            using (var interrupt = Process.Start("kill", ["-INT", _strace.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await interrupt!.WaitForExitAsync();
            }

            await _strace.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }

        _strace.Dispose();
    }
}

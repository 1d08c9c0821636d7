using System.Diagnostics;
using OrleansCompute.Persistence.Sqlite;
using OrleansCompute.Persistence.Tests.Support;

namespace OrleansCompute.Persistence.Tests.GroupCommit;

/// <summary>
/// Kills a real writer process (SIGKILL) while its group commits are in flight, then checks the file: every write
/// the writer had acknowledged is there, and no write is there by half.
/// </summary>
public sealed class GroupCommitCrashTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Every_acknowledged_write_survives_a_kill_mid_batch_and_none_is_half_written()
    {
        var directory = Path.Combine(Path.GetTempPath(), "oc-crash-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, "compute.db");
        try
        {
            var acknowledged = await RunWriterUntilKilledAsync(file, acknowledgementsBeforeKill: 3000);

            await using var database = new SqliteComputeDatabase(file);
            var rows = await SqlHelper.RowsAsync(database.ReadDataSource, "SELECT key, count(*) FROM crash_halves GROUP BY key;");
            var halves = rows.ToDictionary(r => (string)r[0]!, r => Convert.ToInt64(r[1], System.Globalization.CultureInfo.InvariantCulture));
            halves.Values.Should().OnlyContain(count => count == 2, "a write is both its statements or nothing");
            acknowledged.Should().NotBeEmpty();
            acknowledged.Where(key => !halves.ContainsKey(key)).Should().BeEmpty("an acknowledged write was committed");
            halves.Count.Should().BeGreaterThanOrEqualTo(acknowledged.Count);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Starts the writer, reads its acknowledgements until enough came, kills it at once and returns them.</summary>
    private static async Task<List<string>> RunWriterUntilKilledAsync(string file, int acknowledgementsBeforeKill)
    {
        var writer = Path.Combine(AppContext.BaseDirectory, "OrleansCompute.CrashWriter.dll");
        File.Exists(writer).Should().BeTrue($"the crash writer is built next to the tests ({writer})");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(writer);
        start.ArgumentList.Add(file);
        start.ArgumentList.Add("64");
        using var process = Process.Start(start)!;
        var acknowledged = new List<string>();
        try
        {
            using var deadline = new CancellationTokenSource(Deadline);
            while (acknowledged.Count < acknowledgementsBeforeKill)
            {
                var line = await process.StandardOutput.ReadLineAsync(deadline.Token);
                if (line is null)
                {
                    var error = await process.StandardError.ReadToEndAsync(deadline.Token);
                    throw new InvalidOperationException($"The writer ended before it was killed: {error}");
                }

                acknowledged.Add(line);
            }
        }
        finally
        {
            // Process.Kill is SIGKILL on Linux: no finaliser, no flush, no dispose runs in the writer.
            process.Kill();
            await process.WaitForExitAsync();
        }

        // Lines the writer printed before it died were acknowledged too; they are checked as well.
        var rest = await process.StandardOutput.ReadToEndAsync();
        var lines = rest.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // The last line may have been cut by the kill: only whole lines count.
        acknowledged.AddRange(rest.EndsWith('\n') ? lines : lines.SkipLast(1));
        return acknowledged;
    }
}

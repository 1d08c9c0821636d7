using OrleansCompute.Hosting;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Hardening;

/// <summary>
/// The host refuses, with one line and a non-zero exit, to start empty on a data directory that has run before
/// (lost or emptied <c>compute.db</c>), or on a damaged database; <c>--Compute:AllowEmptyStart=true</c> starts empty.
/// </summary>
public sealed class StartupCheckTests(UsedDataDirectory used) : IClassFixture<UsedDataDirectory>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static void RemoveDatabase(string directory, bool leaveEmptyFile)
    {
        foreach (var file in Directory.GetFiles(directory, "compute.db*"))
        {
            File.Delete(file);
        }

        if (leaveEmptyFile)
        {
            File.WriteAllBytes(Path.Combine(directory, "compute.db"), []);
        }
    }

    private static void ShouldBeOneClearLine(HostRunToExit.Outcome outcome, string expected)
    {
        outcome.ExitCode.Should().Be(EmbeddedDatabaseStartupCheck.RefusedExitCode, $"the host must refuse to start\n{outcome.StandardOutput}\n{outcome.StandardError}");
        var lines = (outcome.StandardOutput + outcome.StandardError).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.Should().ContainSingle().Which.Should().Contain("will not start").And.Contain(expected);
        FaultBody.FindInternals(outcome.StandardError.Replace(Path.GetTempPath(), "", StringComparison.Ordinal)).Should().BeNull();
    }

    [Theory]
    [InlineData(false, "is missing")]
    [InlineData(true, "is empty")]
    public async Task A_lost_database_in_a_used_data_directory_stops_the_start_with_one_line(bool leaveEmptyFile, string expected)
    {
        using var data = used.Copy();
        RemoveDatabase(data.Path, leaveEmptyFile);

        var outcome = await HostRunToExit.RunAsync(data.Path, Timeout, HostProcess.IdentityMode);

        ShouldBeOneClearLine(outcome, expected);
        outcome.StandardError.Should().Contain("--Compute:AllowEmptyStart=true");
        File.Exists(Path.Combine(data.Path, "compute.db")).Should().Be(leaveEmptyFile, "a refused start creates nothing");
    }

    [Fact]
    public async Task Allow_empty_start_starts_an_empty_service_on_purpose()
    {
        using var data = used.Copy();
        RemoveDatabase(data.Path, leaveEmptyFile: false);

        await using var host = new HostProcess(data.Path, HostProcess.IdentityMode, "--Compute:AllowEmptyStart=true");
        await host.StartAsync();

        File.Exists(Path.Combine(data.Path, "compute.db")).Should().BeTrue();
    }

    [Theory]
    [InlineData("this is not a database, just text that happens to be here")]
    [InlineData("SQLite format 3\0 followed by pages that are not pages at all, truncated")]
    public async Task A_damaged_database_stops_the_start_with_one_line(string content)
    {
        using var data = new TempDirectory();
        await File.WriteAllTextAsync(Path.Combine(data.Path, "compute.db"), content + new string('x', 4096));

        var outcome = await HostRunToExit.RunAsync(data.Path, Timeout);

        ShouldBeOneClearLine(outcome, "is not a usable SQLite database");
    }

    [Fact]
    public async Task A_fresh_data_directory_still_starts_empty_without_a_flag()
    {
        using var data = new TempDirectory();
        await using var host = new HostProcess(data.Path, HostProcess.IdentityMode);

        await host.StartAsync();
    }
}

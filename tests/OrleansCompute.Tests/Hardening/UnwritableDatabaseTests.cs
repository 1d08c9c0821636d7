using OrleansCompute.Tests.Http;
using OrleansCompute.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OrleansCompute.Tests.Hardening;

/// <summary>
/// The embedded host's SQLite file made unwritable under load (<see cref="UnwritableFiles"/>: every write, sync and
/// truncate on compute.db and its WAL fails with EROFS in the running process) while clients create, read, list and
/// write metadata: every answer is a success or a 503 with Retry-After, never a 500; once the files take writes
/// again the same process serves writes, nothing acknowledged is lost, and the quota counts exactly the servers
/// that exist, soon and without the quota reconciler (turned off here: the creates the fault refused give their
/// claims back themselves once the database takes writes again).
/// </summary>
public sealed class UnwritableDatabaseTests(ITestOutputHelper output)
{
    [Fact]
    public async Task An_unwritable_database_is_503s_with_Retry_After_loses_nothing_acknowledged_and_heals_without_a_restart()
    {
        using var directory = new TempDirectory();
        var data = Path.Combine(directory.Path, "data");
        await using var host = new HostProcess(
            data,
            "--Compute:FakeDriver:SpawnSeconds=1",
            "--Compute:Quota:Instances=1000",
            "--Compute:Quota:Cores=1000",
            "--Compute:Quota:Ram=10000000",
            "--Compute:QuotaReconcile:IntervalSeconds=0");
        await host.StartAsync();
        var process = host.ProcessId;
        using var nova = NovaClient.For(host);
        var existing = new List<Guid>();
        for (var i = 0; i < 2; i++)
        {
            existing.Add(Guid.Parse(await nova.CreateServerAsync($"before-{i}")));
        }

        foreach (var id in existing)
        {
            await nova.WaitForStatusAsync(id.ToString(), "ACTIVE");
        }

        await using var load = OutageLoad.Start([nova], existing);
        await load.WaitForSuccessesAsync(20, TimeSpan.FromSeconds(60), "the load is served before the fault");

        int refusedDuringFault;
        int injected;
        var database = Path.Combine(data, "compute.db");
        await using (var fault = await UnwritableFiles.MakeAsync(process, [database, database + "-wal", database + "-journal"], Path.Combine(directory.Path, "strace.log")))
        {
            var refusedBefore = load.Unavailable.Count;
            await Eventually.Until(
                () => Task.FromResult(load.Unavailable.Count - refusedBefore),
                refused => refused >= 12,
                TimeSpan.FromSeconds(60),
                because: "writes are refused while the database file is unwritable");
            refusedDuringFault = load.Unavailable.Count - refusedBefore;
            injected = fault.Injected();
        }

        await load.WaitForSuccessesAsync(40, TimeSpan.FromSeconds(60), "the host serves again once the file takes writes");
        await load.StopAsync();

        output.WriteLine($"{injected} write calls failed with EROFS; {load.Succeeded} requests succeeded, {load.Unavailable.Count} answered 503 ({refusedDuringFault} during the fault), slowest answer {load.Slowest.TotalSeconds:F1} s, {load.AcknowledgedCreates.Count} creates and {load.AcknowledgedMetadata.Count} metadata writes acknowledged");
        injected.Should().BePositive("the host's writes to its database really failed");
        load.Failures.Should().BeEmpty(host.Output);
        host.HasExited.Should().BeFalse();
        host.ProcessId.Should().Be(process, "the host recovered without a restart");
        try
        {
            await load.AssertNothingAcknowledgedLostAsync(nova, TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException lost)
        {
            throw new TimeoutException($"{lost.Message}\n{host.Output}");
        }

        await Eventually.Until(
            async () => (Used: (await nova.GetAsync("/v2.1/limits")).Json["limits"]!["absolute"]!["totalInstancesUsed"]!.GetValue<int>(),
                Servers: (await nova.GetAsync("/v2.1/servers?limit=1000")).Json["servers"]!.AsArray().Count),
            counts => counts.Used == counts.Servers,
            TimeSpan.FromSeconds(30),
            because: "quota usage equals the servers that exist, without the reconciler");
    }
}

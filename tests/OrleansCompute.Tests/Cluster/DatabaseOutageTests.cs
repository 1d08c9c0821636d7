using System.Net;
using OrleansCompute.Tests.Hardening;
using OrleansCompute.Tests.Http;
using OrleansCompute.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OrleansCompute.Tests.Cluster;

/// <summary>
/// Two silos on a PostgreSQL of their own, which is stopped for 10 s while clients create, read, list and write
/// metadata: every answer is a success or a 503 with Retry-After (never a 500, never a hang), nothing acknowledged
/// is lost, the silos serve again once the database is back, without a restart, and the quota counts exactly the
/// servers that exist soon after, without the quota reconciler.
/// </summary>
[Collection(SharedCoresMultiSiloCollection.Name)]
public sealed class DatabaseOutageTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_database_outage_is_503s_with_Retry_After_loses_nothing_acknowledged_and_heals_without_a_restart()
    {
        await using var cluster = new LocalCluster();
        // The quota reconciler off (and its grace period left at 5 minutes): a create the outage refused could not give
        // its claim back while the database was down, and must do so itself, soon after the database is back.
        var urls = await cluster.UpAsync(
            2,
            "--Compute:FakeDriver:SpawnSeconds=1",
            "--Compute:Quota:Instances=1000",
            "--Compute:Quota:Cores=1000",
            "--Compute:Quota:Ram=10000000",
            "--Compute:MinimumReminderPeriod=2",
            "--Compute:QuotaReconcile:IntervalSeconds=0");
        var nodes = urls.Select(url => new NovaClient(new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60), DefaultRequestHeaders = { { "X-Auth-Token", "demo:demo" } } })).ToArray();
        var existing = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            existing.Add(Guid.Parse(await nodes[i % 2].CreateServerAsync($"before-{i}")));
        }

        foreach (var id in existing)
        {
            await nodes[0].WaitForStatusAsync(id.ToString(), "ACTIVE");
        }

        await using var load = OutageLoad.Start(nodes, existing);
        await load.WaitForSuccessesAsync(20, TimeSpan.FromSeconds(60), "the load is served before the outage");

        await cluster.StopDatabaseAsync();
        // The outage's length is the fault itself, not a wait for state: the database stays down this long under load.
        await Task.Delay(Outage);
        var unavailableDuringOutage = load.Unavailable.Count;
        await cluster.StartDatabaseAsync();

        await load.WaitForSuccessesAsync(40, TimeSpan.FromSeconds(60), "the silos serve again once the database is back");
        await load.StopAsync();

        output.WriteLine($"{load.Succeeded} succeeded, {load.Unavailable.Count} answered 503 ({unavailableDuringOutage} by the end of the outage), slowest answer {load.Slowest.TotalSeconds:F1} s, {load.AcknowledgedCreates.Count} creates and {load.AcknowledgedMetadata.Count} metadata writes acknowledged");
        load.Failures.Should().BeEmpty(cluster.Logs());
        unavailableDuringOutage.Should().BePositive("requests that need the database are refused while it is down");
        try
        {
            await load.AssertNothingAcknowledgedLostAsync(nodes[0], TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException lost)
        {
            throw new TimeoutException($"{lost.Message}\n{cluster.Logs()}");
        }

        // The quota counts exactly the servers that exist: the claims of creates the outage refused are released by
        // their creates' retried compensation, without the reconciler.
        try
        {
            await Eventually.Until(
                async () => (Used: (await nodes[1].GetAsync("/v2.1/limits")).Json["limits"]!["absolute"]!["totalInstancesUsed"]!.GetValue<int>(),
                    Servers: (await nodes[1].GetAsync("/v2.1/servers?limit=1000")).Json["servers"]!.AsArray().Count),
                counts => counts.Used == counts.Servers,
                TimeSpan.FromSeconds(30),
                because: "quota usage equals the servers that exist");
        }
        catch (TimeoutException leaked)
        {
            throw new TimeoutException($"{leaked.Message}\n{cluster.Logs()}");
        }

        foreach (var node in nodes)
        {
            node.Dispose();
        }
    }
}

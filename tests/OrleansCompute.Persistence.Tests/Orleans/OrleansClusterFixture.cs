using Orleans.TestingHost;
using OrleansCompute.Persistence.Tests.Support;

namespace OrleansCompute.Persistence.Tests.Orleans;

/// <summary>One database and one silo shared by the Orleans contract tests (a cluster start costs seconds).</summary>
public sealed class OrleansClusterFixture : IAsyncLifetime
{
    public TempDatabase Temp { get; private set; } = null!;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public ReminderTickLog TickLog { get; } = new();

    public string ServiceId { get; } = "svc-" + Guid.NewGuid().ToString("N")[..8];

    public async Task InitializeAsync()
    {
        Temp = await TempDatabase.CreateAsync();
        Cluster = await ProbeCluster.StartAsync(Temp.Database, ServiceId, TickLog);
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Temp.DisposeAsync();
    }
}

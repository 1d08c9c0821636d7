namespace OrleansCompute.Servers;

/// <summary>The persisted state of a ServerGrain: the server and the operation in flight, if any.</summary>
[GenerateSerializer, Alias("compute.ServerState")]
public sealed class ServerState
{
    [Id(0)] public ServerSnapshot? Server { get; set; }
    [Id(1)] public PendingOperation? Pending { get; set; }

    /// <summary>The networks a build still has to wire; kept until the build ends so a resumed build can.</summary>
    [Id(2)] public IReadOnlyList<NetworkRequest> RequestedNetworks { get; set; } = [];

    [Id(3)] public bool AutoAllocateNetwork { get; set; }

    /// <summary>How the server is scheduled (kept for the build, resize and unshelve; see ServerGrain.Placement).</summary>
    [Id(20)] public OrleansCompute.Scheduling.ScheduleRequest? Scheduling { get; set; }
}

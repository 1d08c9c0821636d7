using OrleansCompute.Driver;
using OrleansCompute.Servers;

namespace OrleansCompute.Testing.Driver;

/// <summary>
/// One driver fault: the operation <see cref="Operation"/> of the server <see cref="ServerId"/> (or of servers named
/// <see cref="ServerName"/>) takes <see cref="Delay"/> longer on the fake clock, then fails when <see cref="Fail"/>;
/// at most <see cref="Times"/> times. Unset matchers match everything.
/// </summary>
public sealed record DriverFaultRule
{
    /// <summary>The operation to affect; null: every operation.</summary>
    public DriverOperation? Operation { get; init; }

    /// <summary>The server to affect; null: any server (or those named <see cref="ServerName"/>).</summary>
    public Guid? ServerId { get; init; }

    /// <summary>The name of the servers to affect (exact); null: any name.</summary>
    public string? ServerName { get; init; }

    /// <summary>Fail the operation (a <see cref="ComputeDriverException"/>: the server goes to ERROR, as with a real hypervisor).</summary>
    public bool Fail { get; init; }

    /// <summary>Time added to the operation, on the fake clock (<see cref="ComputeTestHost.Time"/>).</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>How many operations the rule applies to; null: all of them.</summary>
    public int? Times { get; init; }

    /// <summary>A rule failing <paramref name="operation"/> of the server <paramref name="serverId"/> once.</summary>
    /// <param name="operation">The operation.</param>
    /// <param name="serverId">The server.</param>
    public static DriverFaultRule FailOnce(DriverOperation operation, Guid serverId) => new() { Operation = operation, ServerId = serverId, Fail = true, Times = 1 };

    internal bool Matches(DriverOperation operation, ServerSnapshot server) =>
        (Operation is null || Operation == operation)
        && (ServerId is null || ServerId == server.Id)
        && (ServerName is null || string.Equals(ServerName, server.Name, StringComparison.Ordinal));
}

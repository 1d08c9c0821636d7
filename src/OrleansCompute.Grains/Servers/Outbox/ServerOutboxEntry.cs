namespace OrleansCompute.Servers;

/// <summary>
/// One piece of work a committed transition made due on another grain (a host claim, the quota, a group, an
/// address), stored in the server's state by the same write as the commit and removed only once it succeeded.
/// It carries everything it needs, captured at the commit, so a later change of the server (an unshelve to
/// another host) cannot redirect it. Every kind is idempotent per server: running it twice does no harm.
/// </summary>
[GenerateSerializer, Immutable, Alias("compute.ServerOutboxEntry")]
public sealed record ServerOutboxEntry
{
    [Id(0)] public required Guid Id { get; init; }

    [Id(1)] public required ServerOutboxWork Work { get; init; }

    /// <summary>The key of the grain the work goes to: host name, project id, server group id or network id.</summary>
    [Id(2)] public required string Target { get; init; }

    /// <summary>The host claim's consumer id (<see cref="ServerOutboxWork.ReleaseHostClaim"/>).</summary>
    [Id(3)] public string? Consumer { get; init; }

    /// <summary>The address to give back, when known (<see cref="ServerOutboxWork.ReleaseAddress"/>).</summary>
    [Id(4)] public string? Address { get; init; }

    /// <summary>The port the address was bound to (<see cref="ServerOutboxWork.ReleaseAddress"/>).</summary>
    [Id(5)] public string? PortId { get; init; }

    /// <summary>The size the quota settles on (<see cref="ServerOutboxWork.SettleQuota"/>).</summary>
    [Id(6)] public int Vcpus { get; init; }

    [Id(7)] public int RamMb { get; init; }

    /// <summary>When the commit made it due.</summary>
    [Id(8)] public DateTimeOffset DueSince { get; init; }

    /// <summary>The status the migration record moves to (<see cref="ServerOutboxWork.AdvanceMigration"/>).</summary>
    [Id(9)] public string? MigrationStatus { get; init; }

    /// <summary>The migration types whose record moves (<see cref="ServerOutboxWork.AdvanceMigration"/>).</summary>
    [Id(10)] public IReadOnlyList<string> MigrationTypes { get; init; } = [];

    /// <summary>The destination the record gets, when known (<see cref="ServerOutboxWork.AdvanceMigration"/>).</summary>
    [Id(11)] public string? MigrationDestination { get; init; }

    /// <summary>
    /// Work on the same grain keeps its order (a quota settle must not run after the release that followed it);
    /// work on different grains is independent, so one unreachable grain holds up only its own lane.
    /// </summary>
    public string Lane() => Work switch
    {
        ServerOutboxWork.ReleaseHostClaim => "host/" + Target,
        ServerOutboxWork.ReleaseQuota or ServerOutboxWork.SettleQuota => "project/" + Target,
        ServerOutboxWork.LeaveServerGroup => "group/" + Target,
        ServerOutboxWork.AdvanceMigration => "migrations/" + Target,
        ServerOutboxWork.DetachPort => "port/" + Target,
        _ => "network/" + Target,
    };
}

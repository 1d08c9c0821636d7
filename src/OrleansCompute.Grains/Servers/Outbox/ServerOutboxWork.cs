namespace OrleansCompute.Servers;

/// <summary>The kinds of work a committed transition leaves to do on other grains (see <see cref="ServerOutboxEntry"/>).</summary>
public enum ServerOutboxWork
{
    /// <summary>Drop the server's claim (<see cref="ServerOutboxEntry.Consumer"/>) on host <see cref="ServerOutboxEntry.Target"/>.</summary>
    ReleaseHostClaim,

    /// <summary>The server stops counting toward project <see cref="ServerOutboxEntry.Target"/>'s quota.</summary>
    ReleaseQuota,

    /// <summary>The server's quota in project <see cref="ServerOutboxEntry.Target"/> follows the flavor it ended with.</summary>
    SettleQuota,

    /// <summary>The server leaves server group <see cref="ServerOutboxEntry.Target"/>.</summary>
    LeaveServerGroup,

    /// <summary>The server's address on network <see cref="ServerOutboxEntry.Target"/> goes back to the pool.</summary>
    ReleaseAddress,

    /// <summary>
    /// The server's current migration record (of <see cref="ServerOutboxEntry.MigrationTypes"/>) moves to
    /// <see cref="ServerOutboxEntry.MigrationStatus"/>; <see cref="ServerOutboxEntry.Target"/> is the server's id.
    /// </summary>
    AdvanceMigration,

    /// <summary>
    /// The server leaves port <see cref="ServerOutboxEntry.Target"/> (deleted when the create made it, unbound
    /// otherwise): a delete's release of a port the server's addresses name, without looking the network's ports up.
    /// </summary>
    DetachPort,
}

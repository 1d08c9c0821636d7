namespace OrleansCompute.Indexing;

/// <summary>
/// A server attribute that Nova filters by regular expression. The matched text is the value as Nova's database
/// renders it (integers in decimal, instants as <c>YYYY-MM-DD HH:MM:SS</c> UTC, config_drive as <c>True</c> or
/// empty, auto_disk_config as <c>1</c>/<c>0</c>); a missing (null) value never matches.
/// </summary>
public enum ServerTextField
{
    Name,
    Description,
    ReservationId,
    KeyName,
    Hostname,
    Node,
    AvailabilityZone,
    PowerState,
    Progress,
    LaunchIndex,
    CreatedAt,
    LaunchedAt,
    TerminatedAt,
    ConfigDrive,
    AutoDiskConfig,
    AccessIPv4,
    AccessIPv6,
    RootDeviceName,
    LockedBy,

    /// <summary>Any fixed IPv4 address; the pattern is anchored at the start of the address (Nova's <c>ip</c>).</summary>
    FixedIPv4,

    /// <summary>Any fixed IPv6 address; the pattern is anchored at the start of the address (Nova's <c>ip6</c>).</summary>
    FixedIPv6,
}

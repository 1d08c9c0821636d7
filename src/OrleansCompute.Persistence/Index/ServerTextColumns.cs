using OrleansCompute.Indexing;

namespace OrleansCompute.Persistence.Index;

/// <summary>
/// The SQL expression that renders each regex-filtered field as the text Nova's database would match
/// (see <see cref="ServerTextField"/>), the same text on every database, whether the pattern then runs in SQL or in
/// .NET. Only these fixed texts reach SQL.
/// </summary>
internal static class ServerTextColumns
{
    public static string Expression(ServerTextField field, ServerIndexDialect dialect) => field switch
    {
        ServerTextField.Name => "name",
        ServerTextField.Description => "description",
        ServerTextField.ReservationId => "reservation_id",
        ServerTextField.KeyName => "key_name",
        ServerTextField.Hostname => "hostname",
        ServerTextField.Node => "node",
        ServerTextField.AvailabilityZone => "availability_zone",
        ServerTextField.PowerState => "CAST(power_state AS TEXT)",
        ServerTextField.Progress => "CAST(progress AS TEXT)",
        ServerTextField.LaunchIndex => "CAST(launch_index AS TEXT)",
        ServerTextField.CreatedAt => dialect.InstantText("created_at"),
        ServerTextField.LaunchedAt => dialect.InstantText("launched_at"),
        ServerTextField.TerminatedAt => dialect.InstantText("terminated_at"),
        ServerTextField.ConfigDrive => "CASE WHEN config_drive THEN 'True' ELSE '' END",
        // A boolean on PostgreSQL, 0/1 on SQLite: rendered as SQLite (and Nova's MySQL) render it.
        ServerTextField.AutoDiskConfig => "CASE WHEN auto_disk_config THEN '1' ELSE '0' END",
        ServerTextField.AccessIPv4 => "access_ip_v4",
        ServerTextField.AccessIPv6 => "access_ip_v6",
        // Every server has the one root device the view shows.
        ServerTextField.RootDeviceName => "'/dev/vda'",
        ServerTextField.LockedBy => "locked_by",
        ServerTextField.FixedIPv4 => "fixed_ipv4",
        ServerTextField.FixedIPv6 => "fixed_ipv6",
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Unknown text field."),
    };
}

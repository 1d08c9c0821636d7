using OrleansCompute.Indexing;

namespace OrleansCompute.Persistence.Postgres.Index;

/// <summary>
/// The PostgreSQL twin of the SQLite ServerTextColumns: each regex-filtered field rendered as exactly the same text
/// (see <see cref="ServerTextField"/>), so the patterns, evaluated in .NET by the index, see what they see on SQLite.
/// </summary>
internal static class ServerTextColumns
{
    public static string Expression(ServerTextField field) => field switch
    {
        ServerTextField.Name => "name",
        ServerTextField.Description => "description",
        ServerTextField.ReservationId => "reservation_id",
        ServerTextField.KeyName => "key_name",
        ServerTextField.Hostname => "hostname",
        ServerTextField.Node => "node",
        ServerTextField.AvailabilityZone => "availability_zone",
        ServerTextField.PowerState => "power_state::text",
        ServerTextField.Progress => "progress::text",
        ServerTextField.LaunchIndex => "launch_index::text",
        ServerTextField.CreatedAt => Instant("created_at"),
        ServerTextField.LaunchedAt => Instant("launched_at"),
        ServerTextField.TerminatedAt => Instant("terminated_at"),
        ServerTextField.ConfigDrive => "CASE WHEN config_drive THEN 'True' ELSE '' END",
        // SQLite stores the flag as 0/1 and renders it so.
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

    // Unix microseconds to whole seconds (integer division, as SQLite), then Nova's DATETIME text in UTC; NULL stays NULL.
    private static string Instant(string column) =>
        $"to_char(to_timestamp({column} / 1000000) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')";
}

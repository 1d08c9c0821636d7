using OrleansCompute.Indexing;

namespace OrleansCompute.Persistence.Sqlite.Index;

/// <summary>
/// The SQL expression that renders each regex-filtered field as the text Nova's database would match
/// (see <see cref="ServerTextField"/>). Only these fixed texts reach SQL.
/// </summary>
internal static class ServerTextColumns
{
    private const string DateTimeFormat = "'%Y-%m-%d %H:%M:%S'";

    public static string Expression(ServerTextField field) => field switch
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
        ServerTextField.CreatedAt => Instant("created_at"),
        ServerTextField.LaunchedAt => Instant("launched_at"),
        ServerTextField.TerminatedAt => Instant("terminated_at"),
        ServerTextField.ConfigDrive => "CASE WHEN config_drive THEN 'True' ELSE '' END",
        ServerTextField.AutoDiskConfig => "CAST(auto_disk_config AS TEXT)",
        ServerTextField.AccessIPv4 => "access_ip_v4",
        ServerTextField.AccessIPv6 => "access_ip_v6",
        // Every server has the one root device the view shows.
        ServerTextField.RootDeviceName => "'/dev/vda'",
        ServerTextField.LockedBy => "locked_by",
        ServerTextField.FixedIPv4 => "fixed_ipv4",
        ServerTextField.FixedIPv6 => "fixed_ipv6",
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Unknown text field."),
    };

    // Unix microseconds to seconds (integer division), then Nova's DATETIME text; NULL stays NULL.
    private static string Instant(string column) => $"strftime({DateTimeFormat}, {column} / 1000000, 'unixepoch')";
}

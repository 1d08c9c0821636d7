using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace OrleansCompute.Hosting;

/// <summary>
/// Before an embedded host opens its database: a <c>compute.db</c> that is missing or empty while the data directory
/// shows the service has run before (its <c>identity/</c> directory or <c>clouds.yaml</c>) means data was lost, and
/// starting an empty service would hide it; a file that is not a readable SQLite database would end in an unhandled
/// exception. Either way the host refuses to start with one line that says what is wrong and what to do.
/// <c>--Compute:AllowEmptyStart=true</c> starts empty on purpose.
/// </summary>
public static class EmbeddedDatabaseStartupCheck
{
    /// <summary>The exit code of a refused start.</summary>
    public const int RefusedExitCode = 3;

    private const string DatabaseFileName = "compute.db";
    private static readonly byte[] SqliteHeader = Encoding.ASCII.GetBytes("SQLite format 3\0");

    /// <summary>Writes the reason to <paramref name="error"/> and returns false when the host must not start.</summary>
    public static bool Passes(IConfiguration configuration, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(error);
        if (Refusal(configuration) is not { } refusal)
        {
            return true;
        }

        error.WriteLine(refusal);
        return false;
    }

    /// <summary>The one-line reason not to start, or null when starting is safe.</summary>
    public static string? Refusal(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(ComputeOptions.SectionName).Get<ComputeOptions>() ?? new ComputeOptions();
        if (!string.Equals(options.Mode, ComputeModes.Embedded, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var directory = Path.GetFullPath(options.DataDirectory);
        var database = Path.Combine(directory, DatabaseFileName);
        var exists = File.Exists(database);
        if (exists && new FileInfo(database).Length > 0 && Damage(database) is { } damage)
        {
            return $"OrleansCompute will not start: {database} is not a usable SQLite database ({damage}). Restore it from a backup, or move it away to start empty.";
        }

        var empty = !exists || new FileInfo(database).Length == 0 || !HasComputeSchema(database);
        if (!empty || configuration.GetValue<bool>("Compute:AllowEmptyStart") || !HasRunBefore(directory))
        {
            return null;
        }

        return $"OrleansCompute will not start: {database} is {(exists ? "empty" : "missing")} but {directory} shows this service has run before (identity/ or clouds.yaml is there), so its data may be lost. Restore the database, or start with --Compute:AllowEmptyStart=true to begin empty.";
    }

    private static bool HasRunBefore(string directory) =>
        Directory.Exists(Path.Combine(directory, "identity")) || File.Exists(Path.Combine(directory, "clouds.yaml"));

    /// <summary>What is wrong with a non-empty file, or null when SQLite reads it and finds it intact.</summary>
    private static string? Damage(string database)
    {
        var header = new byte[SqliteHeader.Length];
        using (var stream = new FileStream(database, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        {
            if (stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length || !header.AsSpan().SequenceEqual(SqliteHeader))
            {
                return "no SQLite header";
            }
        }

        try
        {
            using var connection = Open(database);
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA quick_check;";
            var result = command.ExecuteScalar() as string;
            return result == "ok" ? null : "integrity check: " + FirstLine(result);
        }
        catch (SqliteException exception)
        {
            return FirstLine(exception.Message);
        }
    }

    private static bool HasComputeSchema(string database)
    {
        using var connection = Open(database);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'compute_servers';";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    private static SqliteConnection Open(string database)
    {
        // Read-write without create: a read-only open cannot replay a WAL file a crash left behind.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static string FirstLine(string? text) => (text ?? "no answer").Split('\n', 2)[0].Trim();
}

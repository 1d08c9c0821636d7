using Microsoft.Extensions.Configuration;
using OrleansCompute.Persistence.Postgres;
using OrleansCompute.Persistence.Sqlite;

namespace OrleansCompute.Hosting;

/// <summary>
/// <c>OrleansCompute.Host init-db</c>: creates or updates the schema of the configured mode's database and exits.
/// Cluster mode needs it once per database (and after an upgrade) before the silos start; it is safe to run again
/// and from several places at once. Embedded mode creates its SQLite file on every start anyway.
/// </summary>
public static class ComputeDatabaseCommand
{
    public const string Name = "init-db";

    /// <summary>True when the command line asks for this command (its first argument).</summary>
    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == Name;

    /// <summary>Runs the command with the application's configuration; returns the process exit code.</summary>
    public static async Task<int> RunAsync(IConfiguration configuration, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(output);

        var options = configuration.GetSection(ComputeOptions.SectionName).Get<ComputeOptions>() ?? new ComputeOptions();
        if (string.Equals(options.Mode, ComputeModes.Cluster, StringComparison.OrdinalIgnoreCase))
        {
            await using var database = new PostgresComputeDatabase(ComputeConnectionStrings.Require(configuration));
            await database.EnsureSchemaAsync(cancellationToken);
            var missing = await database.MissingQueryKeysAsync(cancellationToken);
            if (missing.Count > 0)
            {
                await output.WriteLineAsync($"init-db: the schema was applied but keys are still missing: {string.Join(", ", missing)}");
                return 1;
            }

            await output.WriteLineAsync("init-db: the PostgreSQL schema is up to date (Orleans clustering, storage, reminders; compute_servers; identity).");
            return 0;
        }

        var directory = Path.GetFullPath(options.DataDirectory);
        Directory.CreateDirectory(directory);
        await using (var sqlite = new SqliteComputeDatabase(Path.Combine(directory, "compute.db")))
        {
            await sqlite.EnsureSchemaAsync(cancellationToken);
            await output.WriteLineAsync($"init-db: the SQLite schema is up to date in {sqlite.FilePath}.");
        }

        return 0;
    }
}

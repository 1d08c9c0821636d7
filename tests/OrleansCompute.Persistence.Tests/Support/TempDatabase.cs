using OrleansCompute.Persistence.Sqlite;

namespace OrleansCompute.Persistence.Tests.Support;

/// <summary>A database file in its own temporary directory, with the schema applied; the directory goes on dispose.</summary>
public sealed class TempDatabase : IAsyncDisposable
{
    private readonly string _directory;

    private TempDatabase(string directory)
    {
        _directory = directory;
        Database = new SqliteComputeDatabase(Path.Combine(directory, "compute.db"));
    }

    public SqliteComputeDatabase Database { get; }

    public static async Task<TempDatabase> CreateAsync(bool ensureSchema = true)
    {
        var directory = Path.Combine(Path.GetTempPath(), "oc-persistence-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var temp = new TempDatabase(directory);
        if (ensureSchema)
        {
            await temp.Database.EnsureSchemaAsync();
        }

        return temp;
    }

    /// <summary>A second instance on the same file, as another process (or a restarted one) would have.</summary>
    public SqliteComputeDatabase OpenAnotherInstance() => new(Database.FilePath);

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}

using System.Data.Common;
using Microsoft.Data.Sqlite;
using OrleansCompute.Persistence.Sqlite.GroupCommit;

namespace OrleansCompute.Persistence.Sqlite;

/// <summary>
/// One SQLite database file of OrleansCompute (embedded mode): Orleans grain state, reminders and the server
/// index. Pass <see cref="WriteDataSource"/> to Orleans' ADO.NET storage and reminder providers with
/// <see cref="OrleansInvariant"/>; call <see cref="EnsureSchemaAsync"/> before the silo starts.
/// Use one instance per file per process: the write gate only serialises connections of the same instance.
/// </summary>
public sealed class SqliteComputeDatabase : IAsyncDisposable
{
    /// <summary>
    /// The ADO.NET invariant that makes Orleans load Microsoft.Data.Sqlite. "Microsoft.Data.Sqlite" is only the
    /// package name and is rejected by Orleans.
    /// </summary>
    public const string OrleansInvariant = "System.Data.SQLite";

    // busy_timeout: a fresh connection has 0, so a reader meeting a checkpoint, or another process's writer, would
    // fail at once. synchronous = NORMAL: in WAL mode one fsync per checkpoint instead of per commit; it survives a
    // process crash, but an OS crash or power cut can lose the last commits.
    private const string WritePragmas = "PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;";
    private const string ReadPragmas = "PRAGMA busy_timeout = 5000;";

    private static readonly TimeSpan GateTimeout = TimeSpan.FromSeconds(30);

    private readonly PragmaSqliteDataSource _writeDataSource;
    private readonly PragmaSqliteDataSource _readDataSource;
    private readonly SqliteGroupCommitter _committer;
    private readonly GroupCommitDataSource _groupCommitDataSource;

    public SqliteComputeDatabase(string filePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(filePath);
        FilePath = Path.GetFullPath(filePath);
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();

        var gate = new SqliteConnectionGate(GateTimeout);
        _writeDataSource = new PragmaSqliteDataSource(ConnectionString, WritePragmas, gate);
        _readDataSource = new PragmaSqliteDataSource(ConnectionString, ReadPragmas, gate: null);
        _committer = new SqliteGroupCommitter(ConnectionString, WritePragmas, gate);
        _groupCommitDataSource = new GroupCommitDataSource(ConnectionString, _committer);
    }

    /// <summary>The full path of the database file.</summary>
    public string FilePath { get; }

    /// <summary>The Microsoft.Data.Sqlite connection string (it cannot carry the PRAGMAs; the data sources add them).</summary>
    public string ConnectionString { get; }

    /// <summary>
    /// Connections for every write: at most one is open at a time in this process (further opens wait
    /// asynchronously), each with busy_timeout and synchronous = NORMAL set, and an open transaction is rolled back on
    /// close. This is what Orleans' ADO.NET providers get.
    /// </summary>
    public DbDataSource WriteDataSource => _writeDataSource;

    /// <summary>
    /// Connections whose commands are group-committed: every command queues, concurrent commands run together in
    /// one transaction, and each caller is answered only after that transaction committed. For single-command
    /// writes and reads of Orleans' grain storage and the server index; a caller cannot open a transaction of its
    /// own here (use <see cref="WriteDataSource"/> for that).
    /// </summary>
    public DbDataSource GroupCommitDataSource => _groupCommitDataSource;

    /// <summary>
    /// Group-commit transactions, the commands they carried and the SQL texts SQLite prepared for them so far (for
    /// measurements: commands per transaction is the grouping, prepares per command what the statement cache missed).
    /// </summary>
    public (long Transactions, long Commands, long Prepares) GroupCommitCounts => (_committer.Batches, _committer.Commands, _committer.Prepares);

    /// <summary>
    /// Ungated connections with busy_timeout set, for index queries: in WAL mode readers run beside the one writer,
    /// so list pages never wait behind grain writes. Do not write through them.
    /// </summary>
    public DbDataSource ReadDataSource => _readDataSource;

    /// <summary>Creates or updates the schema; safe on every start and when run twice in a row.</summary>
    public Task EnsureSchemaAsync(CancellationToken cancellationToken = default) =>
        SqliteSchema.EnsureAsync(_writeDataSource, cancellationToken);

    /// <summary>Closes the pooled connections of this file, so that it can be moved or deleted.</summary>
    public async ValueTask DisposeAsync()
    {
        await _committer.DisposeAsync().ConfigureAwait(false);
        await _groupCommitDataSource.DisposeAsync().ConfigureAwait(false);
        await _writeDataSource.DisposeAsync().ConfigureAwait(false);
        await _readDataSource.DisposeAsync().ConfigureAwait(false);
        using var connection = new SqliteConnection(ConnectionString);
        SqliteConnection.ClearPool(connection);
    }
}

using System.Data.Common;

namespace OrleansCompute.Persistence.Sqlite;

/// <summary>
/// Hands out <see cref="PragmaSqliteConnection"/>s. Orleans' ADO.NET providers call
/// <see cref="DbDataSource.OpenConnectionAsync"/> for every command, which makes this the one hook that configures
/// each connection.
/// </summary>
internal sealed class PragmaSqliteDataSource : DbDataSource
{
    private readonly string _connectionString;
    private readonly string _pragmas;
    private readonly SqliteConnectionGate? _gate;

    public PragmaSqliteDataSource(string connectionString, string pragmas, SqliteConnectionGate? gate)
    {
        _connectionString = connectionString;
        _pragmas = pragmas;
        _gate = gate;
    }

    public override string ConnectionString => _connectionString;

    protected override DbConnection CreateDbConnection() => new PragmaSqliteConnection(_connectionString, _pragmas, _gate);
}

using Microsoft.Data.Sqlite;

namespace OrleansCompute.Persistence.Sqlite.GroupCommit;

/// <summary>
/// The transaction statements the group commit runs around every batch and every command in it, prepared once per
/// physical connection. A <see cref="SqliteCommand"/> keeps its prepared statements between executions, so the
/// savepoint pair around each queued command costs two steps instead of two parses and two steps (issue 19's profile:
/// SQLite's prepare was a tenth of the commit loop's time, much of it these constant texts).
/// </summary>
internal sealed class BatchStatements(SqliteConnection connection) : IDisposable
{
    private readonly SqliteCommand _begin = Create(connection, "BEGIN IMMEDIATE;");
    private readonly SqliteCommand _commit = Create(connection, "COMMIT;");
    private readonly SqliteCommand _savepoint = Create(connection, "SAVEPOINT queued_command;");
    private readonly SqliteCommand _release = Create(connection, "RELEASE queued_command;");
    private readonly SqliteCommand _undoCommand = Create(connection, "ROLLBACK TO queued_command; RELEASE queued_command;");

    public void Begin() => _begin.ExecuteNonQuery();

    public void Commit() => _commit.ExecuteNonQuery();

    public void Savepoint() => _savepoint.ExecuteNonQuery();

    public void Release() => _release.ExecuteNonQuery();

    /// <summary>Undoes the current command's statements only; the batch goes on.</summary>
    public void UndoCommand() => _undoCommand.ExecuteNonQuery();

    public void Dispose()
    {
        _begin.Dispose();
        _commit.Dispose();
        _savepoint.Dispose();
        _release.Dispose();
        _undoCommand.Dispose();
    }

    private static SqliteCommand Create(SqliteConnection connection, string text)
    {
        var command = connection.CreateCommand();
        command.CommandText = text;
        return command;
    }
}

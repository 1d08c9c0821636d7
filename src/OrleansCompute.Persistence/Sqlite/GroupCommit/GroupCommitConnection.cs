using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace OrleansCompute.Persistence.Sqlite.GroupCommit;

/// <summary>
/// What <see cref="GroupCommitDataSource"/> hands out: opening it opens nothing (the committer owns the one
/// physical write connection), and its commands queue for the next group commit. It must stay a
/// <see cref="SqliteConnection"/> subclass: Orleans' ADO.NET providers check the invariant's connection type.
/// </summary>
internal sealed class GroupCommitConnection(string connectionString, SqliteGroupCommitter committer) : SqliteConnection(connectionString)
{
    private ConnectionState _state = ConnectionState.Closed;

    public override ConnectionState State => _state;

    public override void Open() => _state = ConnectionState.Open;

    public override Task OpenAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _state = ConnectionState.Open;
        return Task.CompletedTask;
    }

    public override void Close() => _state = ConnectionState.Closed;

    public override SqliteCommand CreateCommand() =>
        throw new NotSupportedException("A group-commit connection makes DbCommands only (DbConnection.CreateCommand).");

    protected override DbCommand CreateDbCommand() => new GroupCommitCommand(committer, this);

    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) =>
        throw new NotSupportedException("Group-committed commands run in the batch's transaction; open no transaction of your own.");
}

using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace OrleansCompute.Persistence.Sqlite.GroupCommit;

/// <summary>
/// A command that does not run on its own connection: executing it queues it on the database's
/// <see cref="SqliteGroupCommitter"/>, which runs it in the next batch transaction and answers only after that
/// transaction committed. Text and parameters live on a detached <see cref="SqliteCommand"/>, so they bind exactly
/// as they would on a plain connection.
/// </summary>
[SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities",
    Justification = "The text is the caller's, as with any DbCommand; values travel as parameters.")]
internal sealed class GroupCommitCommand : DbCommand
{
    private readonly SqliteGroupCommitter _committer;
    private readonly SqliteCommand _inner = new();
    private DbConnection? _connection;

    public GroupCommitCommand(SqliteGroupCommitter committer, DbConnection connection)
    {
        _committer = committer;
        _connection = connection;
    }

    [AllowNull]
    public override string CommandText
    {
        get => _inner.CommandText;
        set => _inner.CommandText = value;
    }

    public override int CommandTimeout { get; set; } = 30;

    public override CommandType CommandType
    {
        get => CommandType.Text;
        set
        {
            if (value != CommandType.Text)
            {
                throw new NotSupportedException("Only text commands are supported.");
            }
        }
    }

    public override bool DesignTimeVisible { get; set; }

    public override UpdateRowSource UpdatedRowSource { get; set; }

    protected override DbConnection? DbConnection
    {
        get => _connection;
        set => _connection = value;
    }

    protected override DbParameterCollection DbParameterCollection => _inner.Parameters;

    // Every command is its own unit inside the batch transaction; callers cannot open transactions of their own.
    protected override DbTransaction? DbTransaction
    {
        get => null;
        set
        {
            if (value is not null)
            {
                throw new NotSupportedException("Group-committed commands run in the batch's transaction.");
            }
        }
    }

    public override void Cancel()
    {
        // A queued command cannot be withdrawn: its batch may be running.
    }

    public override void Prepare()
    {
    }

    protected override DbParameter CreateDbParameter() => _inner.CreateParameter();

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) =>
        ExecuteDbDataReaderAsync(behavior, CancellationToken.None).GetAwaiter().GetResult();

    public override int ExecuteNonQuery() => ExecuteNonQueryAsync(CancellationToken.None).GetAwaiter().GetResult();

    public override object? ExecuteScalar() => ExecuteScalarAsync(CancellationToken.None).GetAwaiter().GetResult();

    protected override async Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken) =>
        new BufferedDataReader(await _committer.ExecuteAsync(_inner, QueuedCommandKind.Reader, cancellationToken).ConfigureAwait(false));

    public override async Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken) =>
        (await _committer.ExecuteAsync(_inner, QueuedCommandKind.NonQuery, cancellationToken).ConfigureAwait(false)).RecordsAffected;

    public override async Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken) =>
        (await _committer.ExecuteAsync(_inner, QueuedCommandKind.Scalar, cancellationToken).ConfigureAwait(false)).Scalar;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}

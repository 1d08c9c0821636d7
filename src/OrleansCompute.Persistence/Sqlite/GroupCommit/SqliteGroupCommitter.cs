using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace OrleansCompute.Persistence.Sqlite.GroupCommit;

/// <summary>
/// Group commit for one SQLite file: commands from any number of callers queue here; one loop takes everything
/// queued, runs it in a single <c>BEGIN IMMEDIATE … COMMIT</c> on its one physical connection, and only then
/// answers each caller. So N concurrent writers cost one lock, one transaction and one WAL append of the pages
/// they share instead of N, and an acknowledged write is committed (WAL, synchronous = NORMAL: it survives the
/// process being killed at any point).
/// <para>
/// Each command runs inside its own savepoint: a command that fails (a constraint, a bad text) is undone alone
/// and fails only its caller; the batch commits the others. A failed COMMIT fails every caller of the batch.
/// The loop holds the database's write gate while a batch runs, so gated writers (schema, reminders) and batches
/// never meet at SQLite's lock.
/// </para>
/// </summary>
internal sealed class SqliteGroupCommitter : IAsyncDisposable
{
    /// <summary>Bounds one transaction, so that a flood of writes still commits (and answers) in steps.</summary>
    private const int MaxBatch = 512;

    private readonly Channel<QueuedCommand> _queue = Channel.CreateUnbounded<QueuedCommand>(new UnboundedChannelOptions { SingleReader = true });
    private readonly string _connectionString;
    private readonly string _pragmas;
    private readonly SqliteConnectionGate _gate;
    private readonly Task _loop;
    private SqliteConnection? _connection;
    private BatchStatements? _statements;
    private PreparedCommands? _prepared;
    private long _batches;
    private long _commands;
    private long _prepares;

    public SqliteGroupCommitter(string connectionString, string pragmas, SqliteConnectionGate gate)
    {
        _connectionString = connectionString;
        _pragmas = pragmas;
        _gate = gate;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Transactions committed so far (for measurements: commands per transaction is the grouping).</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Commands run so far.</summary>
    public long Commands => Interlocked.Read(ref _commands);

    /// <summary>
    /// SQL texts SQLite had to prepare so far for queued commands (not counting the batch's own transaction
    /// statements): each distinct text once per connection, so far fewer than <see cref="Commands"/>.
    /// </summary>
    public long Prepares => Interlocked.Read(ref _prepares);

    public Task<BufferedResult> ExecuteAsync(SqliteCommand command, QueuedCommandKind kind, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var queued = new QueuedCommand(command, kind);
        if (!_queue.Writer.TryWrite(queued))
        {
            throw new ObjectDisposedException(nameof(SqliteGroupCommitter), "The database was disposed.");
        }

        return queued.Completion.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        _statements?.Dispose();
        _prepared?.Dispose();
        _connection?.Dispose();
    }

    private async Task RunAsync()
    {
        var batch = new List<QueuedCommand>(MaxBatch);
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && reader.TryRead(out var command))
            {
                batch.Add(command);
            }

            try
            {
                await _gate.EnterAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                batch.ForEach(c => c.Completion.TrySetException(exception));
                continue;
            }

            try
            {
                Run(batch);
            }
            finally
            {
                _gate.Exit();
            }
        }
    }

    /// <summary>Runs one batch and answers its callers; never throws (every failure goes to a caller).</summary>
    private void Run(List<QueuedCommand> batch)
    {
        var results = new BufferedResult?[batch.Count];
        var failures = new Exception?[batch.Count];
        try
        {
            var connection = Connection();
            var statements = _statements!;
            var prepared = _prepared!;
            statements.Begin();
            try
            {
                for (var i = 0; i < batch.Count; i++)
                {
                    (results[i], failures[i]) = RunOne(statements, prepared, batch[i]);
                }

                statements.Commit();
            }
            catch
            {
                RollBack(connection);
                throw;
            }
            finally
            {
                Interlocked.Add(ref _prepares, prepared.TakePrepares());
            }
        }
        catch (Exception exception)
        {
            // Nothing of this batch is durable: every caller fails, including those whose command had run.
            DropConnection();
            batch.ForEach(c => c.Completion.TrySetException(exception));
            return;
        }

        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _commands, batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            if (failures[i] is { } failure)
            {
                batch[i].Completion.TrySetException(failure);
            }
            else
            {
                batch[i].Completion.TrySetResult(results[i]!);
            }
        }
    }

    private static (BufferedResult? Result, Exception? Failure) RunOne(BatchStatements statements, PreparedCommands prepared, QueuedCommand queued)
    {
        statements.Savepoint();
        try
        {
            var result = prepared.Run(queued.Command, queued.Kind, Read);
            statements.Release();
            return (result, null);
        }
        catch (SqliteException failure)
        {
            // Undo this command's statements only (a multi-statement text may have run some), keep the batch.
            statements.UndoCommand();
            return (null, failure);
        }
        catch (InvalidOperationException failure)
        {
            // The driver refused the command before SQLite ran it (a missing parameter value).
            statements.UndoCommand();
            return (null, failure);
        }
    }

    private static BufferedResult Read(SqliteCommand command, QueuedCommandKind kind)
    {
        var result = new BufferedResult();
        switch (kind)
        {
            case QueuedCommandKind.NonQuery:
                result.RecordsAffected = command.ExecuteNonQuery();
                return result;
            case QueuedCommandKind.Scalar:
                result.Scalar = command.ExecuteScalar();
                return result;
        }

        using var reader = command.ExecuteReader();
        do
        {
            var names = new string[reader.FieldCount];
            var types = new Type[reader.FieldCount];
            for (var i = 0; i < names.Length; i++)
            {
                names[i] = reader.GetName(i);
                types[i] = FieldType(reader, i);
            }

            var rows = new List<object[]>();
            while (reader.Read())
            {
                var row = new object[names.Length];
                reader.GetValues(row);
                rows.Add(row);
            }

            result.ResultSets.Add(new BufferedResultSet(names, types, rows));
        }
        while (reader.NextResult());

        result.RecordsAffected = reader.RecordsAffected;
        return result;
    }

    // SQLite types values, not columns: an expression column of an empty result may have no type to report.
    private static Type FieldType(SqliteDataReader reader, int ordinal)
    {
        try
        {
            return reader.GetFieldType(ordinal);
        }
        catch (InvalidOperationException)
        {
            return typeof(object);
        }
    }

    private SqliteConnection Connection()
    {
        if (_connection is { State: System.Data.ConnectionState.Open } open)
        {
            return open;
        }

        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, _pragmas);
        _statements = new BatchStatements(connection);
        _prepared = new PreparedCommands(connection);
        _connection = connection;
        return connection;
    }

    private static void RollBack(SqliteConnection connection)
    {
        try
        {
            Execute(connection, "ROLLBACK;");
        }
        catch (SqliteException)
        {
            // SQLite may have rolled back already (an I/O error does); the connection is dropped either way.
        }
    }

    // After a failed batch the connection's state is unknown: the next batch opens a fresh one.
    private void DropConnection()
    {
        var connection = _connection;
        _connection = null;
        _statements?.Dispose();
        _statements = null;
        _prepared?.Dispose();
        _prepared = null;
        if (connection is not null)
        {
            SqliteConnection.ClearPool(connection);
            connection.Dispose();
        }
    }

    private static void Execute(SqliteConnection connection, string text)
    {
        using var command = connection.CreateCommand();
        command.CommandText = text;
        command.ExecuteNonQuery();
    }
}

using System.Data;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace OrleansCompute.Persistence.Sqlite;

/// <summary>
/// A <see cref="SqliteConnection"/> that runs per-connection PRAGMAs on every open (a connection string cannot set
/// busy_timeout or synchronous, and pooled connections may come from elsewhere), optionally holds a
/// <see cref="SqliteConnectionGate"/> while open, and never returns a connection to the pool inside a transaction.
/// It must stay a subclass: Orleans' ADO.NET providers require the invariant's connection type.
/// </summary>
internal sealed class PragmaSqliteConnection : SqliteConnection
{
    private readonly string _pragmas;
    private readonly SqliteConnectionGate? _gate;
    private int _holdsGate;

    public PragmaSqliteConnection(string connectionString, string pragmas, SqliteConnectionGate? gate)
        : base(connectionString)
    {
        _pragmas = pragmas;
        _gate = gate;
    }

    public override void Open()
    {
        if (State == ConnectionState.Open)
        {
            return;
        }

        if (_gate is not null)
        {
            _gate.Enter();
            Volatile.Write(ref _holdsGate, 1);
        }

        OpenHoldingGate();
    }

    public override async Task OpenAsync(CancellationToken cancellationToken)
    {
        if (State == ConnectionState.Open)
        {
            return;
        }

        if (_gate is not null)
        {
            await _gate.EnterAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _holdsGate, 1);
        }

        // Microsoft.Data.Sqlite opens synchronously anyway; the only asynchronous part worth having is the gate.
        OpenHoldingGate();
    }

    public override void Close()
    {
        try
        {
            RollBackOpenTransaction();
            base.Close();
        }
        finally
        {
            ExitGate();
        }
    }

    protected override void Dispose(bool disposing)
    {
        try
        {
            base.Dispose(disposing);
        }
        finally
        {
            if (disposing)
            {
                ExitGate();
            }
        }
    }

    private void OpenHoldingGate()
    {
        try
        {
            base.Open();
            using var command = CreateCommand();
            command.CommandText = _pragmas;
            command.ExecuteNonQuery();
        }
        catch
        {
            Close();
            throw;
        }
    }

    /// <summary>
    /// A query text that opened a transaction and then failed leaves it open; Microsoft.Data.Sqlite would pool the
    /// connection that way and every later BEGIN on it would fail ("cannot start a transaction within a transaction").
    /// </summary>
    private void RollBackOpenTransaction()
    {
        if (State != ConnectionState.Open || Handle is null || raw.sqlite3_get_autocommit(Handle) != 0)
        {
            return;
        }

        try
        {
            using var command = CreateCommand();
            command.CommandText = "ROLLBACK;";
            command.ExecuteNonQuery();
        }
        catch (SqliteException)
        {
            // The connection cannot be cleaned; make sure the pool drops it instead of handing it out again.
            ClearPool(this);
        }
    }

    // Exactly once per open, whichever of Close and Dispose comes first or how often they are called.
    private void ExitGate()
    {
        if (Interlocked.Exchange(ref _holdsGate, 0) == 1)
        {
            _gate!.Exit();
        }
    }
}

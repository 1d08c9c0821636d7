using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace OrleansCompute.Persistence.Sqlite.GroupCommit;

/// <summary>
/// The committer's prepared commands, one per distinct SQL text, on its one physical connection. Orleans' ADO.NET
/// storage and the server index make a new command for every write, and a <see cref="SqliteCommand"/> keeps its
/// prepared statements only while it lives on one connection: run as they come, every queued command was parsed
/// again (issue 19's profile: SQLite's prepare was 5 % of the host's managed time during creates). Here a queued
/// command lends its parameters to the prepared command of its text, which binds them to statements it prepared
/// the first time the text came.
/// <para>
/// A prepared command that failed is dropped (its statements may be left mid-step); texts past
/// <see cref="Capacity"/> run as they came, so a caller that builds texts on the fly cannot grow this without end.
/// </para>
/// </summary>
internal sealed class PreparedCommands(SqliteConnection connection) : IDisposable
{
    /// <summary>Distinct texts kept prepared (the storage and the index use a few dozen).</summary>
    public const int Capacity = 256;

    private readonly Dictionary<string, PreparedText> _texts = new(StringComparer.Ordinal);

    private int _prepares;

    /// <summary>
    /// Texts prepared since the last call (a first run of a text, or a run past the capacity), for the committer's
    /// count; starts the next count at zero.
    /// </summary>
    public int TakePrepares()
    {
        var prepares = _prepares;
        _prepares = 0;
        return prepares;
    }

    /// <summary>
    /// Runs <paramref name="queued"/> through the prepared command of its text (or as it is, past the capacity);
    /// the parameters are lent for this run only, so no caller's parameter is kept here (SQLite keeps its own copy of
    /// the last values bound to a statement until the text runs again).
    /// </summary>
    public BufferedResult Run(SqliteCommand queued, QueuedCommandKind kind, Func<SqliteCommand, QueuedCommandKind, BufferedResult> run)
    {
        if (!TryPrepared(queued.CommandText, out var prepared))
        {
            return RunUncached(queued, kind, run);
        }

        prepared.Lend(queued.Parameters);
        try
        {
            return run(prepared.Command, kind);
        }
        catch
        {
            Drop(queued.CommandText, prepared);
            throw;
        }
        finally
        {
            prepared.GiveBack();
        }
    }

    public void Dispose()
    {
        foreach (var text in _texts.Values)
        {
            text.Dispose();
        }

        _texts.Clear();
    }

    private bool TryPrepared(string text, [NotNullWhen(true)] out PreparedText? prepared)
    {
        if (_texts.TryGetValue(text, out prepared))
        {
            return true;
        }

        if (_texts.Count >= Capacity)
        {
            return false;
        }

        var command = connection.CreateCommand();
        command.CommandText = text;
        prepared = new PreparedText(command);
        _texts.Add(text, prepared);
        _prepares++;
        return true;
    }

    private BufferedResult RunUncached(SqliteCommand queued, QueuedCommandKind kind, Func<SqliteCommand, QueuedCommandKind, BufferedResult> run)
    {
        _prepares++;
        queued.Connection = connection;
        try
        {
            return run(queued, kind);
        }
        finally
        {
            queued.Connection = null;
        }
    }

    private void Drop(string text, PreparedText prepared)
    {
        _texts.Remove(text);
        prepared.Dispose();
    }
}

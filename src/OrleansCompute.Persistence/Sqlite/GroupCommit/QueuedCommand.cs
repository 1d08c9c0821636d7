using Microsoft.Data.Sqlite;

namespace OrleansCompute.Persistence.Sqlite.GroupCommit;

/// <summary>How a queued command is executed, which decides what its caller gets back.</summary>
internal enum QueuedCommandKind
{
    Reader,
    NonQuery,
    Scalar,
}

/// <summary>
/// One caller's command waiting for the next group commit: the detached <see cref="SqliteCommand"/> holds the text
/// and the parameters exactly as the caller set them; the completion is answered only after the batch commits.
/// </summary>
internal sealed class QueuedCommand(SqliteCommand command, QueuedCommandKind kind)
{
    public SqliteCommand Command { get; } = command;

    public QueuedCommandKind Kind { get; } = kind;

    // Asynchronous continuations: a caller's await must never run on the committer's loop.
    public TaskCompletionSource<BufferedResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

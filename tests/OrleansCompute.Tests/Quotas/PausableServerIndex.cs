using OrleansCompute.Indexing;
using OrleansCompute.Servers;

namespace OrleansCompute.Tests.Quotas;

/// <summary>
/// The silo's server index, with a way to hold one project's (or one host's) queries after they have read their
/// page: a recount can be stopped right after it read the index, so a test makes claims and releases before it ends. (SQLite's
/// reads complete synchronously, so without this a recount would never yield to them.)
/// </summary>
public sealed class PausableServerIndex(IServerIndex inner) : IServerIndex
{
    private Pause? _pause;

    /// <summary>Holds the next queries of the project after their read, until <see cref="Pause.Resume"/>.</summary>
    public Pause PauseQueriesOf(string projectId) => _pause = new Pause(q => string.Equals(q.ProjectId, projectId, StringComparison.Ordinal), this);

    /// <summary>Holds the next queries of the host's servers after their read, until <see cref="Pause.Resume"/>.</summary>
    public Pause PauseQueriesOfHost(string host) => _pause = new Pause(q => string.Equals(q.Host, host, StringComparison.Ordinal), this);

    public Task UpsertAsync(ServerSnapshot server, CancellationToken cancellationToken = default) => inner.UpsertAsync(server, cancellationToken);

    public Task<ServerSnapshot?> FindAsync(Guid id, CancellationToken cancellationToken = default) => inner.FindAsync(id, cancellationToken);

    public async Task<IReadOnlyList<ServerSnapshot>> QueryAsync(ServerQuery query, CancellationToken cancellationToken = default)
    {
        var page = await inner.QueryAsync(query, cancellationToken);
        if (_pause is { } pause && pause.Holds(query))
        {
            pause.Reached.TrySetResult();
            await pause.Resumed.Task;
        }

        return page;
    }

    public sealed class Pause(Func<ServerQuery, bool> holds, PausableServerIndex index)
    {
        internal bool Holds(ServerQuery query) => holds(query);

        /// <summary>Completes when a query of the project has read its page and waits.</summary>
        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        internal TaskCompletionSource Resumed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Resume()
        {
            index._pause = null;
            Resumed.TrySetResult();
        }
    }
}

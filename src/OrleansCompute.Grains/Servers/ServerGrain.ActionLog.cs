using OrleansCompute.Faults;
using OrleansCompute.Identity;
using OrleansCompute.Servers.Actions;

namespace OrleansCompute.Servers;

/// <summary>
/// The instance action log (Nova's <c>instance_actions</c> and their events). A record is appended in the same
/// write that starts an action and its event is finished in the write that ends it, so the log costs no write
/// of its own.
/// </summary>
internal sealed partial class ServerGrain
{
    /// <summary>Nova's event name for a build.</summary>
    private const string BuildEvent = "compute__do_build_and_run_instance";

    public Task<ServerActionLog> GetActionsAsync(CallerContext caller, bool includeDeleted)
    {
        var server = _live;
        if (server is null || (server.Deleted && !includeDeleted) || !caller.CanSee(server.ProjectId))
        {
            throw ComputeFaultException.ServerNotFound(Id);
        }

        var actions = state.State.Actions;
        var newestFirst = new List<InstanceActionRecord>(actions.Count);
        for (var i = actions.Count - 1; i >= 0; i--)
        {
            newestFirst.Add(actions[i]);
        }

        return Task.FromResult(new ServerActionLog { ServerId = Id, ProjectId = server.ProjectId, Actions = newestFirst });
    }

    /// <summary>Appends an action record (with its first event when the action has one) to the state.</summary>
    private void StartAction(ServerState target, string? action, string? eventName, CallerContext caller, DateTimeOffset now)
    {
        if (action is null)
        {
            return;
        }

        var record = new InstanceActionRecord
        {
            Action = action,
            RequestId = caller.RequestId,
            UserId = caller.UserId,
            ProjectId = caller.ProjectId,
            StartTime = now,
            UpdatedAt = now,
            Events = eventName is null ? [] : [new InstanceActionEvent { Event = eventName, StartTime = now, Host = _live?.Host }],
        };
        target.Actions.Add(record);
        var limit = Math.Max(1, lifecycle.CurrentValue.MaxActionLogEntries);
        if (target.Actions.Count > limit)
        {
            target.Actions.RemoveRange(0, target.Actions.Count - limit);
        }
    }

    /// <summary>Finishes the open event of the action started by <paramref name="requestId"/>: Success, or Error with a trace.</summary>
    private void FinishAction(ServerState target, string requestId, string? error)
    {
        var index = target.Actions.FindLastIndex(a => a.RequestId == requestId);
        if (index < 0)
        {
            return;
        }

        var now = clock.UtcNow;
        var record = target.Actions[index];
        var events = record.Events
            .Select(e => e.FinishTime is null
                ? e with
                {
                    FinishTime = now,
                    Result = error is null ? "Success" : "Error",
                    Traceback = error,
                    Host = e.Host ?? _live?.Host,
                }
                : e)
            .ToList();
        target.Actions[index] = record with { Events = events, UpdatedAt = now, Message = error is null ? record.Message : "Error" };
    }
}

using OrleansCompute.Faults;
using OrleansCompute.Identity;
using OrleansCompute.Migrations;

namespace OrleansCompute.Servers;

/// <summary>
/// The server's side of <c>/servers/{id}/migrations/{mid}</c>: force_complete (2.22) and abort (2.24) of the live
/// migration in flight. The API has checked the migration record (its status, Nova's 400); here the server's own
/// state is checked inside the commit gate (Nova's 409s).
/// </summary>
internal sealed partial class ServerGrain
{
    public async Task ForceCompleteLiveMigrationAsync(CallerContext caller)
    {
        var server = Visible(caller);
        EnsureLiveMigrating(server, caller, "force_complete");
        if (server.VmState != VmState.Active)
        {
            throw ComputeFaultException.Conflict($"Cannot 'live_migrate_force_complete' instance {Id} while it is in vm_state {server.VmState}");
        }

        // As Nova's compute manager: the driver is asked to converge; the transition ends when its move returns.
        await driver.ForceCompleteLiveMigrationAsync(server, CancellationToken.None);
    }

    public async Task AbortLiveMigrationAsync(CallerContext caller)
    {
        Visible(caller);
        var requestId = state.State.Pending?.RequestId;
        await CommitAsync(
            s =>
            {
                EnsureLiveMigrating(s, caller, "abort");
                // The driver's move stops here; its end (and its record's completion) will not be written.
                CancelOperation();
                return s with { TaskState = null, Progress = 0 };
            },
            pending: null,
            s =>
            {
                if (requestId is not null)
                {
                    FinishAction(s, requestId, error: "Migration was cancelled");
                }
            });
        _liveMigrationTarget = null;
        await Migrations.AdvanceAsync(Id, MigrationStatuses.Cancelled, null, MigrationTypes.LiveMigration);
    }

    private void EnsureLiveMigrating(ServerSnapshot server, CallerContext caller, string action)
    {
        if (server.Locked && !caller.IsAdmin)
        {
            throw ComputeFaultException.Conflict($"Instance {Id} is locked");
        }

        if (server.TaskState != TaskState.Migrating)
        {
            throw ComputeFaultException.Conflict($"Cannot '{action}' instance {Id} while it is in task_state {server.TaskState ?? "None"}");
        }
    }
}

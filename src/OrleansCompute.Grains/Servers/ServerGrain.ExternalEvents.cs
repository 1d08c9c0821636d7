using OrleansCompute.Identity;

namespace OrleansCompute.Servers;

/// <summary>External events the API forwards to the server (os-server-external-events).</summary>
internal sealed partial class ServerGrain
{
    public async Task ApplyPowerUpdateAsync(CallerContext caller, bool powerOn)
    {
        var server = Visible(caller);
        // As Nova's compute manager: a server busy with a task, or already in that state, is left alone.
        var target = powerOn ? (VmState.Stopped, VmState.Active, PowerState.Running) : (VmState.Active, VmState.Stopped, PowerState.Shutdown);
        if (server.TaskState is not null || server.VmState != target.Item1)
        {
            return;
        }

        await CommitAsync(
            s => s.TaskState is null && s.VmState == target.Item1 ? s with { VmState = target.Item2, PowerState = target.Item3 } : s,
            state.State.Pending);
    }
}

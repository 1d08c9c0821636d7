using OrleansCompute.Servers.Lifecycle;

namespace OrleansCompute.Servers.Actions;

/// <summary>restore: needs quota again; at once without a host (the grain's <c>RestoreAsync</c>); no longer deleted.</summary>
internal sealed class RestoreAction : ServerAction
{
    public override Task StartAsync(IServerActionHost host, ServerTransition row, ServerActionCommand command) =>
        host.RestoreAsync(row, command);

    public override ServerSnapshot End(IServerActionHost host, ServerSnapshot before, ServerSnapshot ended) =>
        ended with { DeletedAt = null };
}

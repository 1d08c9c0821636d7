using OrleansCompute.Servers.Lifecycle;

namespace OrleansCompute.Servers.Actions;

/// <summary>shelve: with <c>shelved_offload_time</c> 0 Nova offloads straight after, in the same operation.</summary>
internal sealed class ShelveAction : ServerAction
{
    public override ServerTransition? ContinueWith(ServerLifecycleOptions options) =>
        options.ShelvedOffloadTime == 0 ? ServerLifecycle.For(ServerActionKind.ShelveOffload) : null;
}

namespace OrleansCompute.Servers.Actions;

/// <summary>shelveOffload: the server leaves its host (host and node cleared).</summary>
internal sealed class ShelveOffloadAction : ServerAction
{
    public override ServerSnapshot End(IServerActionHost host, ServerSnapshot before, ServerSnapshot ended) =>
        ended with { Host = null, Node = null };
}

namespace OrleansCompute.Hosting;

/// <summary>The in-memory choice of embedded mode, for tests.</summary>
public sealed partial class ComputeSiloOptions
{
    internal bool InMemoryState { get; private set; }

    /// <summary>
    /// Embedded mode with grain state, reminders and the event streams' subscriptions in Orleans' memory stores
    /// instead of <c>compute.db</c>: nothing survives a restart. For tests (OrleansCompute.Testing uses it); the server
    /// index and the identity files stay in the data directory.
    /// </summary>
    public ComputeSiloOptions UseInMemoryState()
    {
        Hosting.Mode = ComputeModes.Embedded;
        InMemoryState = true;
        return this;
    }
}

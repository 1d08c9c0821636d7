namespace OrleansCompute.Servers;

/// <summary>
/// Where scheduling and quota plug into the lifecycle. Each hook is called once, after the change it follows is
/// persisted; they do nothing yet (capacity claims and quota usage belong to the HostGrain / ProjectGrain work).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Hook points: the scheduling and quota work fills them with instance calls.")]
internal sealed partial class ServerGrain
{
    /// <summary>
    /// The server no longer uses its host's resources: after a delete (hard, forced, local or reclaim), a shelve
    /// offload, and before that any build that ends with the server gone. Release the host's capacity claim here.
    /// </summary>
    private Task OnHostResourcesReleasedAsync() => Task.CompletedTask;

    /// <summary>The server is gone for good (deleted or reclaimed): release its quota usage here.</summary>
    private Task OnServerGoneAsync() => Task.CompletedTask;

    /// <summary>
    /// A resize or migration was settled: on confirm the source host's old claim is released, on revert the
    /// destination's new claim is.
    /// </summary>
    private Task OnResizeSettledAsync(bool confirmed)
    {
        _ = confirmed;
        return Task.CompletedTask;
    }

    /// <summary>
    /// restore of a soft-deleted server needs room in the project's quota again (Nova answers 403 otherwise):
    /// throw the 403 fault here.
    /// </summary>
    private Task EnsureRestorableAsync() => Task.CompletedTask;
}

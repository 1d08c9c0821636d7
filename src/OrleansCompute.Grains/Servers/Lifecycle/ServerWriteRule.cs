namespace OrleansCompute.Servers.Lifecycle;

/// <summary>
/// A row of <see cref="ServerLifecycle.Writes"/>: Nova's checks on a metadata or tag write (<c>server_metadata.py</c>
/// and <c>server_tags.py</c> call the compute API's decorated methods). The write itself is one commit.
/// </summary>
public sealed record ServerWriteRule
{
    public required ServerWrite Write { get; init; }

    /// <summary>The method's name in Nova's 409 "Cannot '&lt;name&gt;' instance ...".</summary>
    public required string ConflictName { get; init; }

    public IReadOnlySet<string>? VmStates { get; init; }

    public IReadOnlySet<string?>? TaskStates { get; init; }

    public bool MustHaveLaunched { get; init; }

    public bool ChecksLock { get; init; }

    /// <summary>Nova's state checks; throws the 409 Nova answers with.</summary>
    public void EnsureAllowed(ServerSnapshot server) =>
        StateCheck.Ensure(server, ConflictName, mustHaveHost: false, VmStates, TaskStates, MustHaveLaunched);
}

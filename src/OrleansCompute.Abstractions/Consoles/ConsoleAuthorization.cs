namespace OrleansCompute.Consoles;

/// <summary>
/// What a console token grants: one server's console of one type, until it expires. Nova's
/// <c>console_auth_tokens</c> row, without the token itself (only its hash is kept, as Nova keeps it).
/// </summary>
[GenerateSerializer, Immutable, Alias("compute.ConsoleAuthorization")]
public sealed record ConsoleAuthorization
{
    [Id(0)] public required Guid InstanceUuid { get; init; }

    /// <summary>The compute host the console is on.</summary>
    [Id(1)] public required string Host { get; init; }

    /// <summary>The port the (fake) hypervisor serves this kind of console on.</summary>
    [Id(2)] public required int Port { get; init; }

    /// <summary><c>novnc</c>, <c>spice-html5</c>, <c>serial</c>, <c>webmks</c>.</summary>
    [Id(3)] public required string ConsoleType { get; init; }

    [Id(4)] public string? InternalAccessPath { get; init; }

    [Id(5)] public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>
    /// The server's project, so that whatever serves the console can read the server as that project would (the
    /// token is the only credential a console URL carries). Null for tokens issued before it was recorded.
    /// </summary>
    [Id(6)] public string? ProjectId { get; init; }
}

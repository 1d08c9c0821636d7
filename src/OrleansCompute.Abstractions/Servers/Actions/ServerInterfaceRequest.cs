namespace OrleansCompute.Servers.Actions;

/// <summary>
/// One interface of an os-interface attach or detach. For an attach by network the API chooses the new port's id
/// (<see cref="CreatesPort"/>), so the answer can name the port the server was given.
/// </summary>
[GenerateSerializer, Immutable, Alias("compute.ServerInterfaceRequest")]
public sealed record ServerInterfaceRequest
{
    [Id(0)] public required string PortId { get; init; }

    /// <summary>The port's network (attach); unused by a detach, which finds it among the server's addresses.</summary>
    [Id(1)] public string? NetworkId { get; init; }

    /// <summary>True: a new port <see cref="PortId"/> is made on <see cref="NetworkId"/>; false: the existing port is bound.</summary>
    [Id(2)] public bool CreatesPort { get; init; }

    [Id(3)] public string? FixedIp { get; init; }

    [Id(4)] public string? Tag { get; init; }
}

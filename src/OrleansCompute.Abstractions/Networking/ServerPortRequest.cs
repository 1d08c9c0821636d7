namespace OrleansCompute.Networking;

/// <summary>One network interface a server asks for: a port to bind, or a new port on a network (optionally with a fixed IP).</summary>
[GenerateSerializer, Immutable, Alias("compute.ServerPortRequest")]
public sealed record ServerPortRequest
{
    [Id(0)] public required Guid ServerId { get; init; }
    [Id(1)] public required string ProjectId { get; init; }
    [Id(2)] public string? FixedIp { get; init; }
    [Id(3)] public string? PortId { get; init; }
    [Id(4)] public string? Tag { get; init; }
    /// <summary>Security group names or ids for a new port; empty: the project's default group.</summary>
    [Id(5)] public IReadOnlyList<string> SecurityGroups { get; init; } = [];
    /// <summary>The host the server runs on (the port's binding:host_id); empty before placement.</summary>
    [Id(6)] public string Host { get; init; } = "";
    /// <summary>Which of several interfaces on the same network (and fixed IP) this is, so each gets its own port.</summary>
    [Id(7)] public int Ordinal { get; init; }
    /// <summary>The server's availability zone, for Nova's <c>compute:&lt;zone&gt;</c> device owner.</summary>
    [Id(8)] public string Zone { get; init; } = "nova";
    /// <summary>The id for the new port when the caller chose it (an interface attach by network); null: derived from the server.</summary>
    [Id(9)] public string? NewPortId { get; init; }
}

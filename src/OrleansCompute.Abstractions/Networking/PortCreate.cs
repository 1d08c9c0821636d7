namespace OrleansCompute.Networking;

/// <summary>A validated port create: the port (without addresses) and the fixed IPs asked for (null: automatic).</summary>
[GenerateSerializer, Immutable, Alias("compute.PortCreate")]
public sealed record PortCreate(
    [property: Id(0)] NeutronPort Port,
    [property: Id(1)] IReadOnlyList<FixedIpRequest>? FixedIps);

/// <summary>
/// A validated port update: the port with its new changeable fields, and a new set of fixed IPs (null: unchanged).
/// </summary>
[GenerateSerializer, Immutable, Alias("compute.PortUpdate")]
public sealed record PortUpdate(
    [property: Id(0)] NeutronPort Desired,
    [property: Id(1)] IReadOnlyList<FixedIpRequest>? FixedIps);

namespace OrleansCompute.Keypairs;

/// <summary>A key pair (<c>/os-keypairs</c>) of one user. The private key is never stored.</summary>
[GenerateSerializer, Immutable, Alias("compute.KeyPair")]
public sealed record KeyPair
{
    [Id(0)] public required string Name { get; init; }
    [Id(1)] public required string UserId { get; init; }
    [Id(2)] public required string PublicKey { get; init; }
    [Id(3)] public required string Fingerprint { get; init; }
    [Id(4)] public string Type { get; init; } = "ssh";
    [Id(5)] public required DateTimeOffset CreatedAt { get; init; }
    [Id(6)] public required int Id { get; init; }
}

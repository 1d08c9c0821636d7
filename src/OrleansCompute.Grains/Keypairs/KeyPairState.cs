namespace OrleansCompute.Keypairs;

/// <summary>The persisted key pairs of one user, by name.</summary>
[GenerateSerializer, Alias("compute.KeyPairState")]
public sealed class KeyPairState
{
    [Id(0)] public Dictionary<string, KeyPair> KeyPairs { get; set; } = new(StringComparer.Ordinal);
    [Id(1)] public int NextId { get; set; } = 1;
}

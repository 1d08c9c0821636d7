using OrleansCompute.Servers;

namespace OrleansCompute.Networking;

/// <summary>The persisted allocations of one network: which server holds which addresses.</summary>
[GenerateSerializer, Alias("compute.NetworkState")]
public sealed class NetworkState
{
    [Id(0)] public Dictionary<Guid, List<ServerAddress>> Allocations { get; set; } = [];

    /// <summary>Where the search for the next free address starts (an offset into the subnet).</summary>
    [Id(1)] public string NextOffset { get; set; } = "2";
}

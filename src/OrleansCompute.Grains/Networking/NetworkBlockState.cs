using OrleansCompute.Servers;

namespace OrleansCompute.Networking;

/// <summary>The persisted allocations of one address block: which server holds which address.</summary>
[GenerateSerializer, Alias("compute.NetworkBlockState")]
public sealed class NetworkBlockState
{
    [Id(0)] public Dictionary<Guid, ServerAddress> Allocations { get; set; } = [];

    /// <summary>
    /// The block was full at some time. A search for a server's address may stop only at a block that never
    /// was: an allocation further along the probe sequence was made while this block was full.
    /// </summary>
    [Id(1)] public bool EverFull { get; set; }
}

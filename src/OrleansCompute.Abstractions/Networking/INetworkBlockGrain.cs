using OrleansCompute.Servers;

namespace OrleansCompute.Networking;

/// <summary>
/// The allocations of one block of a network's addresses (at most 256), keyed <c>{networkId}/{block}</c>. Only
/// the network's dispatcher calls it.
/// </summary>
[Alias("compute.INetworkBlockGrain")]
public interface INetworkBlockGrain : IGrainWithStringKey
{
    /// <summary>
    /// The server's address here if it has one; otherwise a new one when the block has never been full (or
    /// <paramref name="force"/> and it has room); otherwise nothing, with whether the block was ever full.
    /// </summary>
    [Alias("Probe")]
    Task<BlockProbe> ProbeAsync(Guid serverId, string? portId, bool force);

    /// <summary>Allocates exactly this address to the server; 409 when another server or port holds it.</summary>
    [Alias("AllocateFixed")]
    Task<ServerAddress> AllocateFixedAsync(Guid serverId, string address, string? portId);

    /// <summary>Releases the server's address here, if it holds one; the answer says whether it did.</summary>
    [Alias("Release")]
    Task<BlockProbe> ReleaseAsync(Guid serverId);
}

/// <summary>What a block answered: the server's address (found or new), and whether the block was ever full.</summary>
[GenerateSerializer, Immutable, Alias("compute.BlockProbe")]
public sealed record BlockProbe(ServerAddress? Address, bool EverFull, bool HasRoom);

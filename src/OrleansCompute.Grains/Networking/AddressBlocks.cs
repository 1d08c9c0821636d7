using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace OrleansCompute.Networking;

/// <summary>
/// How a network's addresses split into blocks of 256 (aligned on the subnet), and where a server's search for
/// a free address starts: a stable hash of its key spreads servers over the blocks, so that no block (and no
/// grain) takes every allocation. The network and broadcast addresses are never handed out.
/// </summary>
internal sealed class AddressBlocks(Subnet subnet)
{
    public const int BlockSize = 256;

    /// <summary>At most this many blocks are searched for a free address (IPv6 subnets are vast).</summary>
    public const int MaxProbes = 4096;

    public Subnet Subnet { get; } = subnet;

    public UInt128 Count => (Subnet.Size + BlockSize - 1) / BlockSize;

    public static UInt128 BlockOf(UInt128 offset) => offset / BlockSize;

    /// <summary>The usable offsets of a block, in order.</summary>
    public IEnumerable<UInt128> OffsetsOf(UInt128 block)
    {
        var first = block * BlockSize;
        var end = UInt128.Min(first + BlockSize, Subnet.Size);
        for (var offset = first; offset < end; offset++)
        {
            if (offset != 0 && offset != Subnet.Size - 1)
            {
                yield return offset;
            }
        }
    }

    public UInt128? OffsetOf(string address) =>
        IPAddress.TryParse(address, out var parsed) && Subnet.OffsetOf(parsed) is { } offset && offset != 0 && offset != Subnet.Size - 1 ? offset : null;

    /// <summary>The blocks a key's search visits, in order: from its hash, wrapping around, at most <see cref="MaxProbes"/>.</summary>
    public IEnumerable<UInt128> ProbeSequence(string key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        var start = new UInt128(BitConverter.ToUInt64(hash, 0), BitConverter.ToUInt64(hash, 8)) % Count;
        var probes = UInt128.Min(Count, MaxProbes);
        for (UInt128 i = 0; i < probes; i++)
        {
            yield return (start + i) % Count;
        }
    }

    public static string GrainKey(string networkId, UInt128 block) => $"{networkId}/{block}";
}

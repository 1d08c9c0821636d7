using System.Net;
using System.Net.Sockets;

namespace OrleansCompute.Networking;

/// <summary>An IPv4 or IPv6 subnet in CIDR form; addresses are numbered by their offset from the network address.</summary>
internal sealed class Subnet
{
    private readonly UInt128 _network;
    private readonly int _addressBytes;

    private Subnet(UInt128 network, int prefixLength, int addressBytes)
    {
        _network = network;
        _addressBytes = addressBytes;
        PrefixLength = prefixLength;
        var hostBits = addressBytes * 8 - prefixLength;
        Size = hostBits >= 127 ? UInt128.MaxValue : UInt128.One << hostBits;
        IpVersion = addressBytes == 4 ? 4 : 6;
    }

    public int IpVersion { get; }

    public int PrefixLength { get; }

    /// <summary>True when the text had host bits set (Neutron refuses such a CIDR).</summary>
    public bool HadHostBits { get; private init; }

    /// <summary>Number of addresses in the subnet, network and broadcast included.</summary>
    public UInt128 Size { get; }

    public static Subnet Parse(string cidr)
    {
        var slash = cidr.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !IPAddress.TryParse(cidr.AsSpan(0, slash), out var address) || !int.TryParse(cidr.AsSpan(slash + 1), out var prefix))
        {
            throw new FormatException($"'{cidr}' is not a CIDR subnet.");
        }

        var bytes = address.GetAddressBytes();
        if (prefix < 0 || prefix > bytes.Length * 8)
        {
            throw new FormatException($"'{cidr}' has an invalid prefix length.");
        }

        var value = ToNumber(bytes);
        var hostBits = bytes.Length * 8 - prefix;
        var mask = hostBits >= 128 ? UInt128.MaxValue : (UInt128.One << hostBits) - 1;
        return new Subnet(value & ~mask, prefix, bytes.Length) { HadHostBits = (value & mask) != 0 };
    }

    /// <summary>The offset of an address inside the subnet, or null when it lies outside.</summary>
    public UInt128? OffsetOf(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        if (bytes.Length != _addressBytes)
        {
            return null;
        }

        var value = ToNumber(bytes);
        if (value < _network || value - _network >= Size)
        {
            return null;
        }

        return value - _network;
    }

    public IPAddress AddressAt(UInt128 offset)
    {
        var value = _network + offset;
        var bytes = new byte[_addressBytes];
        for (var i = _addressBytes - 1; i >= 0; i--)
        {
            bytes[i] = (byte)(value & 0xff);
            value >>= 8;
        }

        return new IPAddress(bytes);
    }

    /// <summary>The canonical CIDR text: network address and prefix length.</summary>
    public override string ToString() => $"{AddressAt(0)}/{PrefixLength}";

    public bool Overlaps(Subnet other) =>
        _addressBytes == other._addressBytes && _network <= other._network + (other.Size - 1) && other._network <= _network + (Size - 1);

    public static bool IsIpV6(IPAddress address) => address.AddressFamily == AddressFamily.InterNetworkV6;

    private static UInt128 ToNumber(byte[] bytes)
    {
        UInt128 value = 0;
        foreach (var b in bytes)
        {
            value = (value << 8) | b;
        }

        return value;
    }
}

using System.Buffers.Binary;
using System.Text;

namespace OrleansCompute.Api.Keypairs;

/// <summary>
/// The OpenSSH public key wire format (RFC 4253 section 6.6, RFC 5656, RFC 8709): length-prefixed fields whose
/// first is the key type, then the type's own fields and nothing after them. Enough to tell a key from bytes
/// that only look like base64, as the key loader Nova uses does.
/// </summary>
internal static class SshKeyBlob
{
    public static bool IsKey(string type, ReadOnlySpan<byte> blob)
    {
        if (!TryRead(ref blob, out var declared) || Encoding.ASCII.GetString(declared) != type)
        {
            return false;
        }

        var valid = type switch
        {
            "ssh-rsa" => Fields(ref blob, 2),
            "ssh-dss" => Fields(ref blob, 4),
            "ssh-ed25519" => TryRead(ref blob, out var key) && key.Length == 32,
            "ecdsa-sha2-nistp256" => Ecdsa(ref blob, "nistp256", 65),
            "ecdsa-sha2-nistp384" => Ecdsa(ref blob, "nistp384", 97),
            "ecdsa-sha2-nistp521" => Ecdsa(ref blob, "nistp521", 133),
            _ => false,
        };
        return valid && blob.IsEmpty;
    }

    /// <summary>Non-empty integers (an RSA exponent and modulus, DSA's p, q, g and y).</summary>
    private static bool Fields(ref ReadOnlySpan<byte> blob, int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (!TryRead(ref blob, out var field) || field.IsEmpty || field.SequenceEqual(new byte[field.Length]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The curve's name again, then an uncompressed point (0x04, x, y).</summary>
    private static bool Ecdsa(ref ReadOnlySpan<byte> blob, string curve, int pointLength) =>
        TryRead(ref blob, out var name) && Encoding.ASCII.GetString(name) == curve
        && TryRead(ref blob, out var point) && point.Length == pointLength && point[0] == 4;

    private static bool TryRead(ref ReadOnlySpan<byte> blob, out ReadOnlySpan<byte> field)
    {
        field = default;
        if (blob.Length < 4)
        {
            return false;
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(blob);
        if (length > (uint)(blob.Length - 4))
        {
            return false;
        }

        field = blob.Slice(4, (int)length);
        blob = blob[(4 + (int)length)..];
        return true;
    }
}

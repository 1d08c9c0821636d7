using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace OrleansCompute.Api.Keypairs;

/// <summary>
/// OpenSSH public keys as Nova handles them: the MD5 fingerprint of the key blob (colon-separated hex), and
/// a generated RSA key pair in OpenSSH (public) and PEM (private) form. Written by hand: it is the wire
/// format of two small strings, not worth a dependency.
/// </summary>
internal static class SshPublicKey
{
    /// <summary>
    /// The fingerprint, or null when the text is not "&lt;type&gt; &lt;base64 blob&gt; [comment]" with a blob that
    /// is a key of that type (Nova loads the key before it fingerprints it, so random bytes are refused).
    /// </summary>
    public static string? Fingerprint(string publicKey)
    {
        var parts = publicKey.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2)
        {
            return null;
        }

        var blob = new byte[parts[1].Length];
        if (!Convert.TryFromBase64String(parts[1], blob, out var length) || !SshKeyBlob.IsKey(parts[0], blob.AsSpan(0, length)))
        {
            return null;
        }

#pragma warning disable CA5351 // Nova's key pair fingerprint is MD5 by definition; it is an identifier, not a security measure.
        var hash = MD5.HashData(blob.AsSpan(0, length));
#pragma warning restore CA5351
        return string.Join(':', hash.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
    }

    public static (string PublicKey, string PrivateKey) Generate(string comment)
    {
        using var rsa = RSA.Create(2048);
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        using var blob = new MemoryStream();
        WriteString(blob, Encoding.ASCII.GetBytes("ssh-rsa"));
        WriteString(blob, MpInt(parameters.Exponent!));
        WriteString(blob, MpInt(parameters.Modulus!));
        var publicKey = $"ssh-rsa {Convert.ToBase64String(blob.ToArray())} {comment}";
        return (publicKey, rsa.ExportRSAPrivateKeyPem() + "\n");
    }

    private static byte[] MpInt(byte[] value) => value.Length > 0 && (value[0] & 0x80) != 0 ? [0, .. value] : value;

    private static void WriteString(Stream stream, byte[] bytes)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        stream.Write(length);
        stream.Write(bytes);
    }
}

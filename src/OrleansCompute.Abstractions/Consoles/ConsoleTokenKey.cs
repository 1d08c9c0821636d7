using System.Security.Cryptography;
using System.Text;

namespace OrleansCompute.Consoles;

/// <summary>The grain key of a token: its SHA-256 hash, so the token itself is stored nowhere.</summary>
public static class ConsoleTokenKey
{
    public static string For(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

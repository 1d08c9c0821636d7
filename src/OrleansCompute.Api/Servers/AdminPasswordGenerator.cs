using System.Security.Cryptography;

namespace OrleansCompute.Api.Servers;

/// <summary>
/// Nova's generated admin password: the configured length with at least one digit 2-9, one upper-case letter
/// without I and O, and one lower-case letter without l (characters that are easy to misread are left out).
/// </summary>
internal static class AdminPasswordGenerator
{
    private const string Digits = "23456789";
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Lower = "abcdefghijkmnopqrstuvwxyz";
    private const string All = Digits + Upper + Lower;

    public static string Generate(int length)
    {
        length = Math.Max(3, length);
        var chars = new char[length];
        chars[0] = Pick(Digits);
        chars[1] = Pick(Upper);
        chars[2] = Pick(Lower);
        for (var i = 3; i < length; i++)
        {
            chars[i] = Pick(All);
        }

        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }

    private static char Pick(string alphabet) => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
}

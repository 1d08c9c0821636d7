using System.Security.Cryptography;

namespace OrleansCompute.Creation;

/// <summary>Nova's reservation id, which every create gets (one server or several): <c>r-</c> and eight characters of 0-9a-z.</summary>
internal static class ReservationIds
{
    public static string New()
    {
        const string alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
        Span<char> chars = stackalloc char[8];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        }

        return "r-" + new string(chars);
    }
}

using System.Security.Cryptography;
using System.Text;

namespace OrleansCompute.Api.Identity;

/// <summary>
/// Keystone-shaped ids (32 lowercase hex digits) derived from a name, so that every start and every silo
/// gives a user, project or role the same id without storing it.
/// </summary>
internal static class StableId
{
    public static string For(string kind, string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"orleans-compute/{kind}/{name}"));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }
}

using System.Security.Cryptography;
using System.Text;

namespace OrleansCompute.Networking;

/// <summary>
/// Ids derived from what they stand for, so that "made on first use" and "made by a retried build" are the same
/// id on every silo: the project's default security group, a configured network's subnet, a server's port.
/// </summary>
public static class NeutronIds
{
    public static string DefaultSecurityGroup(string projectId) => From($"security-group/{projectId}/default");

    /// <summary>A group named in configuration (<c>Compute:Catalog:SecurityGroups</c>), one per project.</summary>
    public static string ConfiguredSecurityGroup(string projectId, string name) => From($"security-group/{projectId}/configured/{name}");

    public static string ConfiguredSubnet(string networkId) => From($"subnet/{networkId}/configured");

    public static string ServerPort(Guid serverId, string networkId, string? fixedIp, int ordinal) =>
        From($"port/{serverId}/{networkId}/{fixedIp}/{ordinal}");

    public static string NewId() => Guid.NewGuid().ToString();

    public static bool IsUuid(string? text) => Guid.TryParse(text, out _);

    private static string From(string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(name));
        var bytes = hash.AsSpan(0, 16).ToArray();
        // A version-5-shaped uuid (name based), so it reads as an ordinary uuid.
        bytes[7] = (byte)((bytes[7] & 0x0f) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3f) | 0x80);
        return new Guid(bytes).ToString();
    }
}

using System.Text;

namespace OrleansCompute.Scheduling;

/// <summary>Nova's <c>hostId</c>: lower-case hex SHA-224 of project id + host name; empty without a host.</summary>
public static class HostIdCalculator
{
    public static string Compute(string projectId, string? host)
    {
        if (string.IsNullOrEmpty(host))
        {
            return "";
        }

        return Convert.ToHexStringLower(Sha224.Hash(Encoding.UTF8.GetBytes(projectId + host)));
    }
}

using System.Security.Cryptography;
using System.Text;
using OrleansCompute.Catalog;
using OrleansCompute.Scheduling;

namespace OrleansCompute.Api.Operator;

/// <summary>
/// The simulated compute hosts as the operator's API shows them (os-services, os-hypervisors): each host's usage
/// and service state from its grain, one call per host (an operator's list, never a server request), and the
/// ids Nova gives them: integers below 2.53 (the host's place in the catalog), stable UUIDs from 2.53 (derived
/// from the host name, so every silo and front answers the same without storing them).
/// </summary>
internal static class HostInventory
{
    public static async Task<IReadOnlyList<HostUsage>> ReadAsync(IGrainFactory grains, ComputeCatalog catalog, bool includeDeleted = false)
    {
        var usages = await Task.WhenAll(catalog.Hosts.Select(h => grains.GetGrain<IHostGrain>(h.Name).GetUsageAsync()));
        return [.. usages.Where(u => includeDeleted || !u.ServiceDeleted)];
    }

    public static int IntegerId(ComputeCatalog catalog, string host) =>
        catalog.Hosts.Select((h, i) => (h.Name, i)).First(h => h.Name == host).i + 1;

    /// <summary>The nova-compute service's UUID.</summary>
    public static Guid ServiceUuid(string host) => NameUuid("nova-compute/" + host);

    /// <summary>The compute node's UUID (the hypervisor id from 2.53).</summary>
    public static Guid NodeUuid(string host) => NameUuid("compute-node/" + host);

    /// <summary>The host whose id (integer or UUID, per version) this is; null when there is none.</summary>
    public static string? HostOf(ComputeCatalog catalog, string id, bool uuids, Func<string, Guid> uuidOf)
    {
        if (uuids)
        {
            return Guid.TryParse(id, out var uuid) ? catalog.Hosts.FirstOrDefault(h => uuidOf(h.Name) == uuid)?.Name : null;
        }

        return int.TryParse(id, out var number) && number >= 1 && number <= catalog.Hosts.Count ? catalog.Hosts[number - 1].Name : null;
    }

    // A name-based UUID (the layout of RFC 4122 version 5, over SHA-256): the same name gives the same id everywhere.
    private static Guid NameUuid(string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("orleanscompute:" + name));
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}

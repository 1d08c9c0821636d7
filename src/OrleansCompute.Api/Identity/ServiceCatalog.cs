using System.Text.Json;

namespace OrleansCompute.Api.Identity;

/// <summary>
/// The service catalog a token carries: compute (<c>/v2.1</c>, Nova's catalog form without a project id), the
/// image service and identity, each with public, internal and admin endpoints on this host.
/// </summary>
internal static class ServiceCatalog
{
    private static readonly (string Type, string Name, string Path)[] Services =
    [
        ("compute", "nova", ComputePaths.VersionPrefix),
        ("image", "glance", IdentityPaths.Image),
        ("network", "neutron", Network.NeutronPaths.Root),
        ("identity", "keystone", IdentityPaths.IdentityV3),
        // Block storage under both names clients look for (openstacksdk: block-storage; cinderclient, Nova: volumev3).
        ("block-storage", "cinder", Volume.VolumePaths.CatalogPath),
        ("volumev3", "cinderv3", Volume.VolumePaths.CatalogPath),
    ];

    private static readonly string[] Interfaces = ["public", "internal", "admin"];

    /// <param name="w">The token or catalog body being written.</param>
    /// <param name="baseUrl">This host's public base URL.</param>
    /// <param name="region">The region every endpoint is in.</param>
    /// <param name="projectId">The token's project, put into endpoints that carry one (block storage), as Keystone does.</param>
    public static void Write(Utf8JsonWriter w, string baseUrl, string region, string projectId)
    {
        w.WriteStartArray("catalog");
        foreach (var (type, name, path) in Services)
        {
            w.WriteStartObject();
            w.WriteStartArray("endpoints");
            foreach (var face in Interfaces)
            {
                w.WriteStartObject();
                w.WriteString("id", StableId.For("endpoint", $"{type}/{face}"));
                w.WriteString("interface", face);
                w.WriteString("region", region);
                w.WriteString("region_id", region);
                w.WriteString("url", baseUrl + path.Replace(Volume.VolumePaths.ProjectPlaceholder, projectId, StringComparison.Ordinal));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("id", StableId.For("service", type));
            w.WriteString("type", type);
            w.WriteString("name", name);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}

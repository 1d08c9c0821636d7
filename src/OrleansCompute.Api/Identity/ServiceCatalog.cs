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
    ];

    private static readonly string[] Interfaces = ["public", "internal", "admin"];

    public static void Write(Utf8JsonWriter w, string baseUrl, string region)
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
                w.WriteString("url", baseUrl + path);
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

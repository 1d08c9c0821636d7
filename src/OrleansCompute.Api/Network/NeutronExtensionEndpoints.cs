using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using OrleansCompute.Api.Identity;

namespace OrleansCompute.Api.Network;

/// <summary>
/// The version documents (<c>/network</c>, <c>/network/v2.0</c>) and <c>/v2.0/extensions</c>: what the clients
/// probe before they use a feature. Only what this service really does is advertised.
/// </summary>
internal static class NeutronExtensionEndpoints
{
    private static readonly (string Alias, string Name, string Description)[] Extensions =
    [
        ("security-group", "security-group", "The security groups extension."),
        ("port-security", "Port Security", "Provides port security."),
        ("binding", "Port Binding", "Expose port bindings of a virtual port to external application."),
        ("external-net", "Neutron external network", "Adds external network attribute to network resource."),
        ("allowed-address-pairs", "Allowed Address Pairs", "Provides allowed address pairs."),
        ("net-mtu", "Network MTU", "Provides MTU attribute for a network resource."),
        ("net-mtu-writable", "Network MTU (writable)", "Provides a writable MTU attribute for a network resource."),
        ("project-id", "project_id field enabled", "Extension that indicates that project_id field is enabled."),
        ("standard-attr-description", "standard-attr-description", "Extension to add descriptions to standard attributes."),
        ("standard-attr-revisions", "Resource revision numbers", "This extension will display the revision number of neutron resources."),
        ("standard-attr-timestamp", "Resource timestamps", "Adds created_at and updated_at fields to all Neutron resources that have Neutron standard attributes."),
        ("filter-validation", "Filter parameters validation", "Provides validation on filter parameters."),
        ("empty-string-filtering", "Empty String Filtering Extension", "Allow filtering by attributes with empty string value."),
        ("ip-substring-filtering", "IP address substring filtering", "Provides IP address substring filtering when listing ports."),
        ("sorting", "Sorting support", "Enabling the sorting feature of the API."),
        ("pagination", "Pagination support", "Enabling the pagination feature of the API."),
        ("fip-port-details", "Floating IP Port Details Extension", "Add port_details attribute to Floating IP resource."),
        ("stateful-security-group", "Stateful security group", "Indicates if the security group is stateful or not."),
    ];

    public static void Map(RouteGroupBuilder routes, RouteGroupBuilder v2)
    {
        routes.MapGet(NeutronPaths.Root, Versions);
        v2.MapGet("/", Resources);
        v2.MapGet("/extensions", List);
        v2.MapGet("/extensions/{alias}", Show);
    }

    private static IResult Versions(HttpContext context, IOptions<IdentityOptions> options) => NeutronResponses.Json(200, new JsonObject
    {
        ["versions"] = new JsonArray(new JsonObject
        {
            ["id"] = "v2.0",
            ["status"] = "CURRENT",
            ["links"] = new JsonArray(new JsonObject { ["rel"] = "self", ["href"] = IdentityPaths.BaseUrl(context, options) + NeutronPaths.V2 + "/" }),
        }),
    });

    private static IResult Resources(HttpContext context, IOptions<IdentityOptions> options)
    {
        var baseUrl = IdentityPaths.BaseUrl(context, options) + NeutronPaths.V2;
        var resources = new JsonArray();
        foreach (var (name, collection) in new[]
        {
            ("network", "networks"), ("subnet", "subnets"), ("port", "ports"), ("security_group", "security-groups"),
            ("security_group_rule", "security-group-rules"), ("floatingip", "floatingips"),
        })
        {
            resources.Add(new JsonObject
            {
                ["name"] = name,
                ["collection"] = collection,
                ["links"] = new JsonArray(new JsonObject { ["rel"] = "self", ["href"] = $"{baseUrl}/{collection}" }),
            });
        }

        return NeutronResponses.Json(200, new JsonObject { ["resources"] = resources });
    }

    private static IResult List() => NeutronResponses.Json(200, new JsonObject
    {
        ["extensions"] = new JsonArray(Extensions.Select(e => (JsonNode)View(e)).ToArray()),
    });

    private static IResult Show(string alias) =>
        Extensions.FirstOrDefault(e => e.Alias == alias) is { Alias: not null } extension
            ? NeutronResponses.One(200, "extension", View(extension))
            : NeutronResponses.Fault(404, "HTTPNotFound", $"Extension with alias {alias} does not exist");

    private static JsonObject View((string Alias, string Name, string Description) extension) => new()
    {
        ["alias"] = extension.Alias,
        ["name"] = extension.Name,
        ["description"] = extension.Description,
        ["updated"] = "2013-01-01T10:00:00-00:00",
        ["links"] = new JsonArray(),
    };
}

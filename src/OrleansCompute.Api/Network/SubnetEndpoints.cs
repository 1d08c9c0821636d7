using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using OrleansCompute.Api.Auth;
using OrleansCompute.Networking;
using static OrleansCompute.Api.Network.NeutronRoutes;

namespace OrleansCompute.Api.Network;

/// <summary>Neutron's <c>/v2.0/subnets</c>; the network's grain checks the CIDR, gateway and pools and owns the subnet.</summary>
internal static class SubnetEndpoints
{
    private static readonly HashSet<string> SortKeys =
        ["cidr", "enable_dhcp", "gateway_ip", "id", "ip_version", "ipv6_address_mode", "ipv6_ra_mode", "name", "network_id", "segment_id", "subnetpool_id", "project_id"];

    private static readonly HashSet<string> Updatable =
        ["name", "description", "gateway_ip", "allocation_pools", "dns_nameservers", "host_routes", "enable_dhcp", "service_types", "dns_publish_fixed_ip"];

    private static readonly HashSet<string> Creatable =
    [
        .. Updatable, "network_id", "ip_version", "cidr", "ipv6_ra_mode", "ipv6_address_mode", "project_id", "tenant_id", "subnetpool_id",
        "segment_id", "use_default_subnetpool", "prefixlen",
    ];

    private static readonly HashSet<string> Ipv6Modes = ["slaac", "dhcpv6-stateful", "dhcpv6-stateless"];

    public static void Map(RouteGroupBuilder v2)
    {
        v2.MapGet("/subnets", ListAsync);
        v2.MapGet("/subnets/{id}", ShowAsync);
        v2.MapPost("/subnets", CreateAsync);
        v2.MapPut("/subnets/{id}", UpdateAsync);
        v2.MapDelete("/subnets/{id}", DeleteAsync);
    }

    private static async Task<IResult> ListAsync(HttpContext context, [FromServices] NetworkService registered)
    {
        var caller = context.Caller();
        var subnets = await Service(context).ListAsync<NeutronSubnet>(NeutronKinds.Subnet, caller, _ => true);
        return NeutronListing.Respond(context, "subnets", subnets.Select(NeutronViews.Subnet), SortKeys, NeutronFaultException.SubnetNotFound);
    }

    private static async Task<IResult> ShowAsync(HttpContext context, string id)
    {
        var (subnet, _) = await Service(context).SubnetAsync(id, context.Caller());
        return Shown(context, "subnet", NeutronViews.Subnet(subnet));
    }

    private static async Task<IResult> CreateAsync(HttpContext context, [FromServices] NetworkService registered)
    {
        var service = Service(context);
        var caller = context.Caller();
        var body = await NeutronBody.ReadAsync(context, "subnet", Creatable);
        var networkId = body.String("network_id") ?? throw NeutronFaultException.BadRequest("Failed to parse request. Required attribute 'network_id' not specified");
        var ipVersion = body.Int("ip_version") ?? throw NeutronFaultException.BadRequest("Failed to parse request. Required attribute 'ip_version' not specified");
        var cidr = body.String("cidr") ?? throw NeutronFaultException.BadRequest("Failed to parse request. Required attribute 'cidr' not specified");
        if (body.String("subnetpool_id") is not null || body.Bool("use_default_subnetpool") == true)
        {
            throw NeutronFaultException.BadRequest("Subnet pools are not supported by this network service.");
        }

        var network = await service.NetworkAsync(networkId, caller);
        if (!NeutronVisibility.Owns(caller, network.ProjectId))
        {
            // A shared network others may see but not extend: 403; anything else was already a 404.
            throw NeutronFaultException.Forbidden("rule:create_subnet is disallowed by policy");
        }

        var subnet = Apply(new NeutronSubnet
        {
            Id = NeutronIds.NewId(),
            NetworkId = network.Id,
            ProjectId = NeutronVisibility.ProjectFor(caller, body, "create_subnet"),
            IpVersion = ipVersion,
            Cidr = cidr,
            GatewayIp = NeutronSubnet.DefaultGateway,
            Ipv6RaMode = Mode(body, "ipv6_ra_mode"),
            Ipv6AddressMode = Mode(body, "ipv6_address_mode"),
        }, body);
        var created = await service.Grains.GetGrain<INeutronNetworkGrain>(network.Id).AddSubnetAsync(subnet);
        return NeutronResponses.One(201, "subnet", NeutronViews.Subnet(created));
    }

    private static async Task<IResult> UpdateAsync(HttpContext context, string id)
    {
        var service = Service(context);
        var caller = context.Caller();
        var (subnet, network) = await service.SubnetAsync(id, caller);
        var body = await NeutronBody.ReadAsync(context, "subnet", Updatable);
        NeutronVisibility.MustOwn(caller, subnet.ProjectId, "update_subnet");
        var updated = await service.Grains.GetGrain<INeutronNetworkGrain>(network.Id).UpdateSubnetAsync(Apply(subnet, body));
        return NeutronResponses.One(200, "subnet", NeutronViews.Subnet(updated));
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, string id)
    {
        var service = Service(context);
        var caller = context.Caller();
        var (subnet, network) = await service.SubnetAsync(id, caller);
        NeutronVisibility.MustOwn(caller, subnet.ProjectId, "delete_subnet");
        await service.Grains.GetGrain<INeutronNetworkGrain>(network.Id).DeleteSubnetAsync(subnet.Id);
        return NeutronResponses.NoContent();
    }

    private static NeutronSubnet Apply(NeutronSubnet subnet, NeutronBody body) => subnet with
    {
        Name = body.String("name") ?? subnet.Name,
        Description = body.String("description") ?? subnet.Description,
        GatewayIp = body.IsNull("gateway_ip") ? null : body.Has("gateway_ip") ? NeutronBody.Address(body.String("gateway_ip"), "gateway_ip") : subnet.GatewayIp,
        AllocationPools = body.Objects("allocation_pools") is { } pools
            ? pools.Select(p => new AllocationPool(
                NeutronBody.Address(NeutronBody.Member(p, "start"), "allocation_pools"),
                NeutronBody.Address(NeutronBody.Member(p, "end"), "allocation_pools"))).ToList()
            : subnet.AllocationPools,
        DnsNameservers = body.Strings("dns_nameservers") is { } dns
            ? dns.Select(d => NeutronBody.Address(d, "dns_nameservers")).ToList()
            : subnet.DnsNameservers,
        HostRoutes = body.Objects("host_routes") is { } routes
            ? routes.Select(r => new HostRoute(
                NeutronBody.Member(r, "destination") is { } destination && destination.Contains('/', StringComparison.Ordinal)
                    ? destination
                    : throw NeutronFaultException.InvalidInput($"'{r.ToJsonString()}' is not a valid host route"),
                NeutronBody.Address(NeutronBody.Member(r, "nexthop"), "host_routes"))).ToList()
            : subnet.HostRoutes,
        EnableDhcp = body.Bool("enable_dhcp") ?? subnet.EnableDhcp,
    };

    private static string? Mode(NeutronBody body, string key) =>
        body.String(key) is { } mode
            ? Ipv6Modes.Contains(mode) ? mode : throw NeutronFaultException.InvalidInput($"'{mode}' is not in ['dhcpv6-stateful', 'dhcpv6-stateless', 'slaac', None]")
            : null;
}

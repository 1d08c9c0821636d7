using Microsoft.Extensions.DependencyInjection;
using OrleansCompute.Catalog;
using OrleansCompute.Identity;
using OrleansCompute.Networking;

namespace OrleansCompute.Api.Network;

/// <summary>
/// What the network routes read: lists from the index (never a grain per row), single resources from their
/// grains (read-your-writes), both filtered by Neutron's visibility rules (an invisible resource is a 404).
/// The configured networks and ports are made once per process before the first read.
/// </summary>
internal sealed class NetworkService(IServiceProvider services, ComputeCatalog catalog)
{
    private readonly Lazy<Task> _seeded = new(() => SeedAsync(services.GetRequiredService<IGrainFactory>(), catalog));

    public IGrainFactory Grains => services.GetRequiredService<IGrainFactory>();

    public INeutronIndex Index => services.GetRequiredService<INeutronIndex>();

    public ComputeCatalog Catalog => catalog;

    public Task EnsureSeededAsync() => _seeded.Value;

    public async Task<List<T>> ListAsync<T>(string kind, CallerContext caller, Func<T, bool> visible, string? parentId = null)
    {
        await EnsureSeededAsync();
        var rows = await Index.QueryAsync(new NeutronIndexQuery { Kind = kind, ProjectId = caller.IsAdmin ? null : caller.ProjectId, ParentId = parentId });
        return rows.Select(r => NeutronJson.Read<T>(r.Body)).Where(visible).ToList();
    }

    public async Task<NeutronNetwork> NetworkAsync(string id, CallerContext caller)
    {
        await EnsureSeededAsync();
        var network = IsKey(id) || catalog.FindNetwork(id) is not null ? await Grains.GetGrain<INeutronNetworkGrain>(id).GetAsync() : null;
        return network is not null && NeutronVisibility.Sees(caller, network) ? network : throw NeutronFaultException.NetworkNotFound(id);
    }

    public async Task<(NeutronSubnet Subnet, NeutronNetwork Network)> SubnetAsync(string id, CallerContext caller)
    {
        await EnsureSeededAsync();
        var row = IsKey(id) ? await FirstAsync(NeutronKinds.Subnet, id) : null;
        if (row is not null)
        {
            var grain = Grains.GetGrain<INeutronNetworkGrain>(row.ParentId);
            if (await grain.GetAsync() is { } network && (await grain.GetSubnetsAsync()).FirstOrDefault(s => s.Id == id) is { } subnet
                && NeutronVisibility.Sees(caller, subnet, network))
            {
                return (subnet, network);
            }
        }

        throw NeutronFaultException.SubnetNotFound(id);
    }

    public async Task<NeutronPort> PortAsync(string id, CallerContext caller)
    {
        await EnsureSeededAsync();
        var port = IsKey(id) || catalog.FindPort(id) is not null ? await Grains.GetGrain<IPortGrain>(id).GetAsync() : null;
        return port is not null && NeutronVisibility.Sees(caller, port.ProjectId) ? port : throw NeutronFaultException.PortNotFound(id);
    }

    public async Task<SecurityGroup> SecurityGroupAsync(string id, CallerContext caller)
    {
        var group = IsKey(id) ? await Grains.GetGrain<ISecurityGroupGrain>(id).GetAsync() : null;
        return group is not null && NeutronVisibility.Owns(caller, group.ProjectId) ? group : throw NeutronFaultException.SecurityGroupNotFound(id);
    }

    public async Task<SecurityGroupRule> RuleAsync(string id, CallerContext caller)
    {
        var row = IsKey(id) ? await FirstAsync(NeutronKinds.SecurityGroupRule, id) : null;
        var group = row is null ? null : await Grains.GetGrain<ISecurityGroupGrain>(row.ParentId).GetAsync();
        var rule = group?.Rules.FirstOrDefault(r => r.Id == id);
        return rule is not null && NeutronVisibility.Owns(caller, rule.ProjectId) ? rule : throw NeutronFaultException.RuleNotFound(id);
    }

    public async Task<FloatingIp> FloatingIpAsync(string id, CallerContext caller)
    {
        var floatingIp = IsKey(id) ? await Grains.GetGrain<IFloatingIpGrain>(id).GetAsync() : null;
        return floatingIp is not null && NeutronVisibility.Owns(caller, floatingIp.ProjectId) ? floatingIp : throw NeutronFaultException.FloatingIpNotFound(id);
    }

    /// <summary>The project's security groups (its default group made on first use).</summary>
    public Task<IReadOnlyList<SecurityGroup>> ProjectGroupsAsync(string projectId) => ProjectSecurityGroups.ListAsync(Grains, Index, projectId, catalog);

    private async Task<NeutronIndexRow?> FirstAsync(string kind, string id)
    {
        var rows = await Index.QueryAsync(new NeutronIndexQuery { Kind = kind, Ids = [id] });
        return rows.Count > 0 ? rows[0] : null;
    }

    /// <summary>Neutron's ids are uuids; anything else (a name, garbage) is a 404 without touching a grain.</summary>
    private static bool IsKey(string id) => NeutronIds.IsUuid(id);

    private static async Task SeedAsync(IGrainFactory grains, ComputeCatalog catalog)
    {
        foreach (var network in catalog.Networks)
        {
            // Activating the network's grain makes it (and its subnet) from configuration.
            await grains.GetGrain<INeutronNetworkGrain>(network.Id).GetAsync();
        }

        foreach (var configured in catalog.Ports)
        {
            var port = new NeutronPort { Id = configured.Id, NetworkId = configured.NetworkId, ProjectId = "", MacAddress = "" };
            IReadOnlyList<FixedIpRequest>? fixedIps = configured.FixedIp.Length > 0 ? [new FixedIpRequest(null, configured.FixedIp)] : null;
            await grains.GetGrain<IPortGrain>(configured.Id).CreateAsync(new PortCreate(port, fixedIps));
        }
    }
}

using Orleans.Concurrency;
using OrleansCompute.Faults;
using OrleansCompute.Servers;

namespace OrleansCompute.Networking;

/// <summary>
/// The calls Nova makes to Neutron for a server on one network: create the server's port (a name-derived id, so a
/// retried build gets the same port) or bind the port it names, then answer the port's addresses; release deletes
/// a port the create made and unbinds one the user made. Neutron's faults become Nova's. Stateless.
/// <para>
/// Reentrant: it keeps nothing between calls, and a stateless worker that is not would let only as many ports be
/// made at once as the silo has cores, each waiting on its port's and network's durable writes (issue 19: builds
/// fell minutes behind their creates). The port and network grains are the single writers that keep it right.
/// </para>
/// </summary>
[GrainType("compute-network")]
[StatelessWorker]
[Reentrant]
internal sealed class NetworkGrain(INeutronIndex index, OrleansCompute.Catalog.ComputeCatalog catalog) : Grain, INetworkGrain
{
    private string NetworkId => this.GetPrimaryKeyString();

    public async Task<IReadOnlyList<ServerAddress>> AttachAsync(ServerPortRequest request)
    {
        try
        {
            var network = await GrainFactory.GetGrain<INeutronNetworkGrain>(NetworkId).GetAsync()
                ?? throw ComputeFaultException.BadRequest($"Network {NetworkId} could not be found.");
            var port = request.PortId is { } portId
                ? await GrainFactory.GetGrain<IPortGrain>(portId).BindAsync(request.ServerId, request.Host, request.Tag)
                : await CreateOrBindAsync(request, network);
            return port.FixedIps.Select(ip => new ServerAddress
            {
                NetworkId = network.Id,
                NetworkLabel = network.Name,
                Address = ip.IpAddress,
                IpVersion = ip.IpAddress.Contains(':', StringComparison.Ordinal) ? 6 : 4,
                MacAddress = port.MacAddress,
                PortId = port.Id,
            }).ToList();
        }
        catch (NeutronFaultException fault)
        {
            throw AsNovaFault(fault, request);
        }
    }

    /// <summary>
    /// Gives up every port the server holds on this network: the one named, and any other the index lists with the
    /// server as its device (a build that stopped half-way, a second NIC on the same network).
    /// </summary>
    public async Task ReleaseAsync(Guid serverId, string? address, string? portId)
    {
        var device = serverId.ToString();
        var ports = (await index.QueryAsync(new NeutronIndexQuery { Kind = NeutronKinds.Port, ParentId = NetworkId }))
            .Select(r => NeutronJson.Read<NeutronPort>(r.Body))
            .Where(p => p.DeviceId == device)
            .Select(p => p.Id)
            .ToHashSet(StringComparer.Ordinal);
        if (portId is not null)
        {
            ports.Add(portId);
        }

        foreach (var id in ports)
        {
            await GrainFactory.GetGrain<IPortGrain>(id).DetachAsync(serverId);
        }
    }

    private async Task<NeutronPort> CreateOrBindAsync(ServerPortRequest request, NeutronNetwork network)
    {
        var id = request.NewPortId ?? NeutronIds.ServerPort(request.ServerId, network.Id, request.FixedIp, request.Ordinal);
        var grain = GrainFactory.GetGrain<IPortGrain>(id);
        if (await grain.GetAsync() is not null)
        {
            return await grain.BindAsync(request.ServerId, request.Host, request.Tag);
        }

        var port = new NeutronPort
        {
            Id = id,
            NetworkId = network.Id,
            ProjectId = request.ProjectId,
            MacAddress = "",
            DeviceId = request.ServerId.ToString(),
            DeviceOwner = "compute:" + request.Zone,
            BindingHostId = request.Host,
            SecurityGroups = network.PortSecurityEnabled ? await SecurityGroupIdsAsync(request) : [],
            PortSecurityEnabled = network.PortSecurityEnabled,
            DeleteWithServer = true,
            Tag = request.Tag,
        };
        return await grain.CreateAsync(new PortCreate(port, request.FixedIp is null ? null : [new FixedIpRequest(null, request.FixedIp)]));
    }

    /// <summary>The server's groups by name or id among its project's; the project's default group when none are named.</summary>
    private async Task<IReadOnlyList<string>> SecurityGroupIdsAsync(ServerPortRequest request)
    {
        var names = request.SecurityGroups.Count == 0 ? [SecurityGroupDefaults.DefaultName] : request.SecurityGroups;
        var groups = await ProjectSecurityGroups.ListAsync(GrainFactory, index, request.ProjectId, catalog);
        var ids = new List<string>();
        foreach (var name in names.Distinct(StringComparer.Ordinal))
        {
            var group = groups.FirstOrDefault(g => g.Id == name) ?? groups.FirstOrDefault(g => g.Name == name)
                ?? throw ComputeFaultException.BadRequest($"Security group {name} not found.");
            ids.Add(group.Id);
        }

        return ids;
    }

    private ComputeFaultException AsNovaFault(NeutronFaultException fault, ServerPortRequest request) => fault.Type switch
    {
        "IpAddressAlreadyAllocated" => ComputeFaultException.Conflict($"Fixed IP address {request.FixedIp} is already in use on instance."),
        "PortInUse" => ComputeFaultException.Conflict($"Port {request.PortId} is still in use."),
        "PortNotFound" => ComputeFaultException.BadRequest($"Port id {request.PortId} could not be found."),
        "NetworkNotFound" => ComputeFaultException.BadRequest($"Network {NetworkId} could not be found."),
        "InvalidIpForNetwork" or "InvalidIpForSubnet" or "InvalidInput" =>
            ComputeFaultException.BadRequest($"Fixed IP address {request.FixedIp} is not valid on network {NetworkId}."),
        "IpAddressGenerationFailure" => ComputeFaultException.Conflict($"No more IP addresses available on network {NetworkId}."),
        _ => new ComputeFaultException(fault.StatusCode, fault.Message),
    };
}

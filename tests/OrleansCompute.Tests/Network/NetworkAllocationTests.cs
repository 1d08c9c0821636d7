using Orleans.Storage;
using OrleansCompute.Networking;
using OrleansCompute.Tests.Hardening;

namespace OrleansCompute.Tests.Network;

/// <summary>
/// The network grain is reentrant and stores only the allocations the Neutron index does not show yet (issue 19).
/// What must still hold: no address goes to two ports under racing allocations, every answered allocation is durable
/// (in the grain's state or in its port's index row), a failed write gives nothing away, the lowest free address is
/// still the one given, and the stored state stays as small as the ports in flight.
/// </summary>
[Collection(OutboxCollection.Name)]
public sealed class NetworkAllocationTests(OutboxFixture fixture)
{
    private const string Owner = "compute:nova";

    [Fact]
    public async Task Racing_allocations_get_distinct_addresses_and_the_last_free_one_goes_to_exactly_one_port()
    {
        // A /26 holds 62 usable addresses, one of them the gateway: 61 to give.
        var (network, subnetId) = await NewNetworkAsync("10.61.0.0/26");

        var answers = await Task.WhenAll(Enumerable.Range(0, 80).Select(async i =>
        {
            try
            {
                return (await network.AllocateAsync($"race-{i}", Owner, null)).Single().IpAddress;
            }
            catch (NeutronFaultException fault) when (fault.StatusCode == 409)
            {
                return null;
            }
        }));

        var given = answers.OfType<string>().ToList();
        given.Should().HaveCount(61).And.OnlyHaveUniqueItems();
        given.Should().NotContain("10.61.0.1", "the gateway is never given");
        var stored = await StoredAsync(network);
        stored.PortAddresses.Values.SelectMany(a => a).Select(a => a.IpAddress).Should().BeEquivalentTo(given,
            "no port row shows these allocations, so every answered one is in the network's stored state");
        stored.PortAddresses.Values.SelectMany(a => a).Should().OnlyContain(a => a.SubnetId == subnetId);
    }

    [Fact]
    public async Task Ports_the_index_shows_are_not_stored_and_a_new_activation_still_counts_them()
    {
        var (network, _) = await NewNetworkAsync("10.62.0.0/24");
        var networkId = network.GetPrimaryKeyString();
        var ports = new List<NeutronPort>();
        for (var i = 0; i < 40; i++)
        {
            ports.Add(await fixture.Grains.GetGrain<IPortGrain>($"{networkId}-port-{i}").CreateAsync(NewPort(networkId)));
        }

        ports.Select(p => p.FixedIps.Single().IpAddress).Should().OnlyHaveUniqueItems()
            .And.BeEquivalentTo(Enumerable.Range(2, 40).Select(i => $"10.62.0.{i}"), "each port takes the lowest free address");
        (await StoredAsync(network)).PortAddresses.Count.Should().BeLessThan(40,
            "allocations the ports' index rows show are forgotten as the stored ones grow, not kept for ever");

        await fixture.DeactivateAllAsync();
        await network.GetAsync();
        (await StoredAsync(network)).PortAddresses.Should().BeEmpty("the recount on activation finds every port in the index");
        var next = await fixture.Grains.GetGrain<IPortGrain>($"{networkId}-port-next").CreateAsync(NewPort(networkId));
        next.FixedIps.Single().IpAddress.Should().Be("10.62.0.42", "the recount counts the 40 ports only the index records");

        // A released address is the lowest free one again.
        await fixture.Grains.GetGrain<IPortGrain>($"{networkId}-port-5").DeleteAsync(force: true);
        var reuse = await fixture.Grains.GetGrain<IPortGrain>($"{networkId}-port-reuse").CreateAsync(NewPort(networkId));
        reuse.FixedIps.Single().IpAddress.Should().Be("10.62.0.7");
        await network.Invoking(n => n.DeleteAsync()).Should().ThrowAsync<NeutronFaultException>()
            .Where(f => f.StatusCode == 409, "the ports known only from the index still keep the network in use");
    }

    [Fact]
    public async Task A_failed_write_gives_no_address_away_and_a_retry_gets_the_same_lowest_free_one()
    {
        var (network, _) = await NewNetworkAsync("10.63.0.0/24");
        await network.AllocateAsync("first", Owner, null);
        fixture.Storage.FailWritesOf(network.GetGrainId());
        try
        {
            await network.Invoking(n => n.AllocateAsync("failed", Owner, null)).Should().ThrowAsync<Exception>();
        }
        finally
        {
            fixture.Storage.Heal();
        }

        (await network.AllocateAsync("retried", Owner, null)).Single().IpAddress.Should().Be("10.63.0.3");
        (await StoredAsync(network)).PortAddresses.Keys.Should().BeEquivalentTo(["first", "retried"]);
    }

    private async Task<(INeutronNetworkGrain Network, string SubnetId)> NewNetworkAsync(string cidr)
    {
        var id = Guid.NewGuid().ToString();
        var network = fixture.Grains.GetGrain<INeutronNetworkGrain>(id);
        await network.CreateAsync(new NeutronNetwork { Id = id, ProjectId = "alloc", Name = "alloc" });
        var subnet = await network.AddSubnetAsync(new NeutronSubnet
        {
            Id = Guid.NewGuid().ToString(), NetworkId = id, ProjectId = "alloc", IpVersion = 4, Cidr = cidr, GatewayIp = NeutronSubnet.DefaultGateway,
        });
        return (network, subnet.Id);
    }

    private static PortCreate NewPort(string networkId) => new(
        new NeutronPort { Id = "", NetworkId = networkId, ProjectId = "alloc", MacAddress = "", DeviceOwner = Owner },
        null);

    private async Task<NeutronNetworkState> StoredAsync(INeutronNetworkGrain network)
    {
        var stored = new GrainState<NeutronNetworkState>();
        await fixture.Storage.ReadStateAsync("neutron-network", network.GetGrainId(), stored);
        return stored.State!;
    }
}

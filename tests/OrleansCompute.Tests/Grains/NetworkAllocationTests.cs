using System.Net;
using OrleansCompute.Faults;
using OrleansCompute.Networking;
using OrleansCompute.Tests.Network;

namespace OrleansCompute.Tests.Grains;

/// <summary>
/// Fixed-IP allocation over address blocks: every usable address once, 409 when the network is full,
/// a retried allocation finds its address even after others were freed, requested addresses go to their block.
/// These tests share one small network, so they run in order within one test.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class NetworkAllocationTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_network_hands_out_each_usable_address_once_and_a_retry_finds_its_address()
    {
        var network = fixture.Grains.GetGrain<INetworkGrain>(ClusterFixture.SmallNetworkId);
        var servers = Enumerable.Range(0, 510).Select(_ => Guid.NewGuid()).ToArray();
        var addresses = new List<string>();
        foreach (var server in servers)
        {
            addresses.Add((await network.AllocateAsync(server, null)).Address);
        }

        addresses.Should().OnlyHaveUniqueItems();
        addresses.Select(IPAddress.Parse).Should().NotContain([IPAddress.Parse("192.168.10.0"), IPAddress.Parse("192.168.11.255")]);
        var full = () => network.AllocateAsync(Guid.NewGuid(), null);
        (await full.Should().ThrowAsync<ComputeFaultException>()).Which.StatusCode.Should().Be(409);

        // Free one address in each block; a server allocated earlier asks again and still gets its own.
        await network.ReleaseAsync(servers[0], addresses[0], null);
        await network.ReleaseAsync(servers[509], null, null);
        (await network.AllocateAsync(servers[100], null)).Address.Should().Be(addresses[100]);
        (await network.AllocateAsync(servers[400], null)).Address.Should().Be(addresses[400]);

        // The freed addresses go to new servers.
        var reused = new[] { (await network.AllocateAsync(Guid.NewGuid(), null)).Address, (await network.AllocateAsync(Guid.NewGuid(), null)).Address };
        reused.Should().BeEquivalentTo([addresses[0], addresses[509]]);

        // A requested address that is taken is a 409; once released it can be had.
        var taken = addresses[200];
        var conflict = () => network.ReserveAsync(Guid.NewGuid(), taken, null);
        (await conflict.Should().ThrowAsync<ComputeFaultException>()).Which.Message.Should().Be($"Fixed IP address {taken} is already in use on instance.");
        await network.ReleaseAsync(servers[200], taken, null);
        var newcomer = Guid.NewGuid();
        (await network.ReserveAsync(newcomer, taken, null)).Address.Should().Be(taken);
        (await network.AllocateAsync(newcomer, taken)).Address.Should().Be(taken, "the build gets what its create reserved");

        var outside = () => network.ReserveAsync(Guid.NewGuid(), "10.9.9.9", null);
        (await outside.Should().ThrowAsync<ComputeFaultException>()).Which.StatusCode.Should().Be(400);
    }
}

using OrleansCompute.Catalog;
using OrleansCompute.Identity;
using OrleansCompute.Networking;
using OrleansCompute.Servers;
using OrleansCompute.Servers.Actions;
using OrleansCompute.Tests.Grains;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Network;

/// <summary>
/// The two-party protocol of an os-interface attach at the grain level: a port bound to a server by a port call whose
/// server never wrote the end (a crash between the two) is given up when its binding watch runs, while a port the
/// server holds, or means to hold, stays.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class InterfaceAttachRecoveryTests(ClusterFixture fixture)
{
    private static readonly CallerContext Owner = new() { UserId = "iface", ProjectId = "iface-recovery", Roles = ["member"], RequestId = "req-iface" };

    private async Task<ServerSnapshot> ActiveServerAsync()
    {
        var grain = fixture.Grains.GetGrain<IServerGrain>(Guid.NewGuid());
        await grain.CreateAsync(new CreateServerCommand
        {
            Caller = Owner,
            Name = "recover",
            ImageRef = DefaultCatalog.CirrosImageId,
            Flavor = new FlavorSnapshot { Id = "1", Name = "m1.tiny", Vcpus = 1, RamMb = 512, DiskGb = 1 },
            Networks = [new NetworkRequest { NetworkId = DefaultCatalog.PrivateNetworkId }],
            AutoAllocateNetwork = false,
            ReservationId = "r-iface001",
            Hostname = "recover",
        });
        return await Eventually.Until(
            async () =>
            {
                fixture.Time.Advance(TimeSpan.FromMilliseconds(250));
                return await grain.GetAsync(Owner);
            },
            s => s.TaskState is null && s.VmState == VmState.Active);
    }

    [Fact]
    public async Task A_port_bound_by_an_attach_its_server_never_finished_is_given_up_and_an_attached_one_stays()
    {
        var server = await ActiveServerAsync();

        // The port call of an attach whose server crashed before writing anything: the port names the server, the server does not.
        var orphanId = Guid.NewGuid().ToString();
        await fixture.Grains.GetGrain<INetworkGrain>(DefaultCatalog.PrivateNetworkId).AttachAsync(new ServerPortRequest
        {
            ServerId = server.Id, ProjectId = Owner.ProjectId, NewPortId = orphanId, Host = server.Host ?? "",
        });
        var orphan = fixture.Grains.GetGrain<IPortGrain>(orphanId);
        (await orphan.GetAsync())!.DeviceId.Should().Be(server.Id.ToString());
        (await fixture.Grains.GetGrain<IServerInterfacesGrain>(server.Id).HoldsPortAsync(orphanId)).Should().BeFalse();

        // A real attach through the server: intent, port call, end.
        var attachedId = Guid.NewGuid().ToString();
        var after = await fixture.Grains.GetGrain<IServerInterfacesGrain>(server.Id).AttachInterfaceAsync(new ServerActionCommand
        {
            Caller = Owner,
            Action = ServerActionKind.AttachInterface,
            Interface = new ServerInterfaceRequest { PortId = attachedId, NetworkId = DefaultCatalog.PrivateNetworkId, CreatesPort = true },
            PolicyChecked = true,
        });
        after.Addresses.Should().Contain(a => a.PortId == attachedId).And.NotContain(a => a.PortId == orphanId);

        // The binding watch (the port's reminder) settles both.
        await orphan.SettleBindingAsync();
        (await orphan.GetAsync()).Should().BeNull("the port Nova made for an attach its server never recorded is deleted");
        var attached = fixture.Grains.GetGrain<IPortGrain>(attachedId);
        await attached.SettleBindingAsync();
        (await attached.GetAsync())!.DeviceId.Should().Be(server.Id.ToString());
        (await fixture.Grains.GetGrain<IServerGrain>(server.Id).GetAsync(Owner)).Addresses.Should().Contain(a => a.PortId == attachedId);
    }
}

using OrleansCompute.Catalog;
using OrleansCompute.Faults;
using OrleansCompute.Identity;
using OrleansCompute.Networking;
using OrleansCompute.Servers;
using OrleansCompute.Servers.Actions;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Hardening;

/// <summary>
/// A delete whose destroy the driver finishes at once (the instant fake driver) is stored DELETED by one write:
/// the server is gone when the delete returns, its delete action is recorded finished, and the ports its
/// addresses name are given back straight to their port grains.
/// </summary>
[Collection(OutboxCollection.Name)]
public sealed class DeleteAtOnceTests(OutboxFixture fixture)
{
    private static readonly FlavorSnapshot Tiny = new() { Id = "1", Name = "m1.tiny", Vcpus = 1, RamMb = 512, DiskGb = 1 };

    [Fact]
    public async Task The_server_is_gone_when_the_delete_returns_with_its_delete_action_finished()
    {
        var (grain, caller, _) = await ActiveServerAsync();

        await grain.DeleteAsync(caller);

        // No Eventually: there is no "deleting" write between the answer and the end any more.
        (await grain.Invoking(g => g.GetAsync(caller)).Should().ThrowAsync<ComputeFaultException>()).Which.StatusCode.Should().Be(404);
        var delete = (await grain.GetActionsAsync(caller, includeDeleted: true)).Actions.Should().ContainSingle(a => a.Action == "delete").Which;
        delete.RequestId.Should().Be(caller.RequestId);
        delete.Events.Should().ContainSingle().Which.Should().Match<InstanceActionEvent>(e => e.FinishTime != null && e.Result == "Success");
    }

    [Fact]
    public async Task The_port_the_server_held_is_deleted_after_the_delete()
    {
        var (grain, caller, active) = await ActiveServerAsync();
        var portId = active.Addresses.Should().ContainSingle().Which.PortId;
        portId.Should().NotBeNullOrEmpty("the address comes from a port of the network service");
        var port = fixture.Grains.GetGrain<IPortGrain>(portId!);
        (await port.GetAsync()).Should().NotBeNull();

        await grain.DeleteAsync(caller);

        await Eventually.Until(() => port.GetAsync(), p => p is null, because: "the create made the port, so the delete's release deletes it");
    }

    /// <summary>An ACTIVE server with an address on the default network, in a project of its own.</summary>
    private async Task<(IServerGrain Grain, CallerContext Caller, ServerSnapshot Active)> ActiveServerAsync()
    {
        var caller = new CallerContext { UserId = "u", ProjectId = "p-" + Guid.NewGuid().ToString("N")[..8], Roles = ["member"], RequestId = "req-" + Guid.NewGuid() };
        var grain = fixture.Grains.GetGrain<IServerGrain>(Guid.NewGuid());
        await grain.CreateAsync(new CreateServerCommand
        {
            Caller = caller,
            Name = "at-once",
            ImageRef = DefaultCatalog.CirrosImageId,
            Flavor = Tiny,
            Networks = [],
            AutoAllocateNetwork = true,
            ReservationId = "r-atonce01",
            Hostname = "at-once",
        });
        var active = await Eventually.Until(() => grain.GetAsync(caller), s => s.VmState == VmState.Active, because: "the instant driver builds at once");
        return (grain, caller with { RequestId = "req-delete-" + Guid.NewGuid() }, active);
    }
}

using Orleans.Runtime.Placement;
using OrleansCompute.Catalog;
using OrleansCompute.Events;
using OrleansCompute.Identity;
using OrleansCompute.Servers;
using OrleansCompute.Servers.Actions;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Events;

/// <summary>
/// Lifecycle events are cluster-wide: whichever silo a server's grain is active on, a subscriber in either silo's
/// process and one in an Orleans client (the client tier) see that server's whole lifecycle, once, in order.
/// </summary>
public sealed class ClusterWideEventsTests(TwoSiloEventsFixture fixture) : IClassFixture<TwoSiloEventsFixture>
{
    private static readonly CallerContext Demo = new() { UserId = "demo", ProjectId = "demo", Roles = ["member"], RequestId = "req-events" };

    private static readonly string[] Lifecycle =
    [
        "instance.create.start", "instance.create.end",
        "instance.power_off.start", "instance.power_off.end",
        "instance.delete.start", "instance.delete.end",
    ];

    private static readonly string[] Subscribers = ["silo 0", "silo 1", "client"];

    [Fact]
    public async Task Subscribers_in_both_silos_and_in_a_client_see_every_servers_lifecycle_in_order_wherever_its_grain_runs()
    {
        var silos = fixture.Cluster.Silos;
        var management = fixture.Cluster.Client.GetGrain<IManagementGrain>(0);

        // One server per silo: the first call carries a placement hint, so the new activation goes where the test
        // says (the runtime's own placement, resource-optimised, may put every new grain on one silo).
        var placed = new Dictionary<SiloAddress, IServerGrain>();
        foreach (var target in silos.Select(s => s.SiloAddress))
        {
            var grain = fixture.Cluster.Client.GetGrain<IServerGrain>(Guid.NewGuid());
            RequestContext.Set(IPlacementDirector.PlacementHintKey, target);
            try
            {
                await grain.CreateAsync(Command($"events-{placed.Count}"));
            }
            finally
            {
                RequestContext.Remove(IPlacementDirector.PlacementHintKey);
            }

            (await management.GetActivationAddress(grain)).Should().Be(target, "the server's grain was placed on that silo");
            placed.Add(target, grain);
        }

        foreach (var grain in placed.Values)
        {
            await Eventually.Until(() => grain.GetAsync(Demo), s => s.Status == ServerStatus.Active, because: "the server should build");
            await grain.ActAsync(new ServerActionCommand { Caller = Demo, Action = ServerActionKind.Stop });
            await Eventually.Until(() => grain.GetAsync(Demo), s => s.Status == ServerStatus.Shutoff, because: "the server should stop");
            await grain.DeleteAsync(Demo);
        }

        foreach (var (silo, grain) in placed)
        {
            var id = grain.GetPrimaryKey();
            for (var subscriber = 0; subscriber < Subscribers.Length; subscriber++)
            {
                var received = fixture.Received[subscriber];
                var events = await Eventually.Until(
                    () => Task.FromResult(received.Where(e => e.Instance.Id == id).ToList()),
                    list => list.Count >= Lifecycle.Length && list[^1].EventType == "instance.delete.end",
                    because: $"{Subscribers[subscriber]} should see the lifecycle of server {id}, whose grain is on {silo}");
                events.Select(e => e.EventType).Should().Equal(Lifecycle, $"{Subscribers[subscriber]} sees server {id} (grain on {silo}) once and in order");
                events.Select(e => e.Sequence).Should().BeInAscendingOrder();
                events.Select(e => e.MessageId).Should().OnlyHaveUniqueItems();
                events[^1].Instance.Deleted.Should().BeTrue();
            }
        }
    }

    private static CreateServerCommand Command(string name) => new()
    {
        Caller = Demo,
        Name = name,
        ImageRef = DefaultCatalog.CirrosImageId,
        Flavor = new FlavorSnapshot { Id = "1", Name = "m1.tiny", Vcpus = 1, RamMb = 512, DiskGb = 1 },
        Networks = [],
        AutoAllocateNetwork = true,
        ReservationId = "r-" + name,
        Hostname = name,
    };
}

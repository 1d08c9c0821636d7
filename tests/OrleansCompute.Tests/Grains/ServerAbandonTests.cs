using OrleansCompute.Catalog;
using OrleansCompute.Faults;
using OrleansCompute.Identity;
using OrleansCompute.Servers;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Grains;

/// <summary>A create that timed out asks the server grain to settle whether its server exists.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ServerAbandonTests(ClusterFixture fixture)
{
    private static readonly CallerContext Demo = new() { UserId = "demo", ProjectId = "demo", Roles = ["member"], RequestId = "req-abandon" };

    private static CreateServerCommand Command() => new()
    {
        Caller = Demo,
        Name = "late",
        ImageRef = DefaultCatalog.CirrosImageId,
        Flavor = new FlavorSnapshot { Id = "1", Name = "m1.tiny", Vcpus = 1, RamMb = 512, DiskGb = 1 },
        Networks = [],
        AutoAllocateNetwork = true,
        ReservationId = "r-abandon1",
        Hostname = "late",
    };

    [Fact]
    public async Task An_id_without_a_server_is_abandoned_for_good_and_a_late_create_is_refused()
    {
        var grain = fixture.Grains.GetGrain<IServerGrain>(Guid.NewGuid());
        (await grain.AbandonIfNotCreatedAsync()).Should().BeTrue();
        (await grain.AbandonIfNotCreatedAsync()).Should().BeTrue("asking again gives the same answer");

        var late = async () => await grain.CreateAsync(Command());
        (await late.Should().ThrowAsync<ComputeFaultException>()).Which.StatusCode.Should().Be(409);
        var show = async () => await grain.GetAsync(Demo);
        (await show.Should().ThrowAsync<ComputeFaultException>()).Which.StatusCode.Should().Be(404);
    }

    [Fact]
    public async Task A_server_that_was_created_is_not_abandoned()
    {
        var grain = fixture.Grains.GetGrain<IServerGrain>(Guid.NewGuid());
        var created = await grain.CreateAsync(Command());
        (await grain.AbandonIfNotCreatedAsync()).Should().BeFalse();
        (await grain.GetAsync(Demo)).Id.Should().Be(created.Id);
    }
}

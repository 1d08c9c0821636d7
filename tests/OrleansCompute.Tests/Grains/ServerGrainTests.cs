using OrleansCompute.Catalog;
using OrleansCompute.Faults;
using OrleansCompute.Identity;
using OrleansCompute.Servers;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Grains;

[Collection(ClusterCollection.Name)]
public sealed class ServerGrainTests(ClusterFixture fixture)
{
    private static readonly CallerContext Demo = new() { UserId = "demo", ProjectId = "demo", Roles = ["member"], RequestId = "req-test" };
    private static readonly CallerContext Other = Demo with { UserId = "alt", ProjectId = "alt" };
    private static readonly CallerContext Admin = new() { UserId = "admin", ProjectId = "admin", Roles = ["admin"], RequestId = "req-admin" };

    private static CreateServerCommand Command(string name = "vm", IReadOnlyList<NetworkRequest>? networks = null, string reservation = "r-test0001") => new()
    {
        Caller = Demo,
        Name = name,
        ImageRef = DefaultCatalog.CirrosImageId,
        Flavor = new FlavorSnapshot { Id = "1", Name = "m1.tiny", Vcpus = 1, RamMb = 512, DiskGb = 1 },
        Networks = networks ?? [],
        AutoAllocateNetwork = networks is null,
        ReservationId = reservation,
        Hostname = name,
    };

    /// <summary>Advances the fake clock step by step until the server settles (the driver waits on that clock).</summary>
    private Task<ServerSnapshot> SettledAsync(IServerGrain grain, CallerContext? caller = null) =>
        Eventually.Until(
            async () =>
            {
                fixture.Time.Advance(TimeSpan.FromMilliseconds(250));
                return await grain.GetAsync(caller ?? Demo);
            },
            s => s.TaskState is null && s.VmState != VmState.Building);

    [Fact]
    public async Task A_new_server_is_in_BUILD_scheduling_then_becomes_ACTIVE_with_an_address_and_a_host()
    {
        var grain = fixture.Grains.GetGrain<IServerGrain>(Guid.NewGuid());
        var created = await grain.CreateAsync(Command());
        created.Status.Should().Be(ServerStatus.Build);
        created.TaskState.Should().Be(TaskState.Scheduling);
        created.PowerState.Should().Be(PowerState.NoState);
        created.Addresses.Should().BeEmpty();

        var active = await SettledAsync(grain);
        active.Status.Should().Be(ServerStatus.Active);
        active.PowerState.Should().Be(PowerState.Running);
        active.LaunchedAt.Should().NotBeNull();
        active.Host.Should().StartWith("compute-");
        active.AvailabilityZone.Should().Be("nova");
        active.Addresses.Should().ContainSingle().Which.NetworkLabel.Should().Be("private");
        active.Revision.Should().Be(2);

        var indexed = await fixture.Index.FindAsync(active.Id);
        indexed!.Status.Should().Be(ServerStatus.Active);
        indexed.Revision.Should().Be(2);
    }

    [Fact]
    public async Task A_build_in_progress_shows_spawning_with_progress()
    {
        var grain = fixture.Grains.GetGrain<IServerGrain>(Guid.NewGuid());
        await grain.CreateAsync(Command());
        var spawning = await Eventually.Until(() => grain.GetAsync(Demo), s => s.TaskState == TaskState.Spawning);
        spawning.Status.Should().Be(ServerStatus.Build);

        // One fifth of the spawn time per progress step.
        var progressed = await Eventually.Until(
            async () =>
            {
                fixture.Time.Advance(TimeSpan.FromMilliseconds(200));
                return await grain.GetAsync(Demo);
            },
            s => s.Progress > 0);
        progressed.Progress.Should().BeInRange(1, 100);
    }

    [Fact]
    public async Task Another_project_gets_not_found_and_an_admin_sees_the_server()
    {
        var grain = fixture.Grains.GetGrain<IServerGrain>(Guid.NewGuid());
        await grain.CreateAsync(Command());

        var act = () => grain.GetAsync(Other);
        (await act.Should().ThrowAsync<ComputeFaultException>()).Which.StatusCode.Should().Be(404);
        (await grain.GetAsync(Admin)).ProjectId.Should().Be("demo");
    }

    [Fact]
    public async Task An_unknown_server_is_not_found()
    {
        var act = () => fixture.Grains.GetGrain<IServerGrain>(Guid.NewGuid()).GetAsync(Demo);
        (await act.Should().ThrowAsync<ComputeFaultException>()).Which.Message.Should().Contain("could not be found");
    }

    [Fact]
    public async Task Delete_removes_the_server_and_keeps_a_deleted_index_row()
    {
        var grain = fixture.Grains.GetGrain<IServerGrain>(Guid.NewGuid());
        var created = await grain.CreateAsync(Command());
        await SettledAsync(grain);

        await grain.DeleteAsync(Demo);
        await Eventually.Until(
            async () =>
            {
                fixture.Time.Advance(TimeSpan.FromMilliseconds(250));
                return await fixture.Index.FindAsync(created.Id);
            },
            s => s!.Deleted);

        var act = () => grain.GetAsync(Demo);
        await act.Should().ThrowAsync<ComputeFaultException>();
        var row = await fixture.Index.FindAsync(created.Id);
        row!.Status.Should().Be(ServerStatus.Deleted);
        row.DeletedAt.Should().NotBeNull();
        row.TerminatedAt.Should().NotBeNull();
    }

    [Fact]
    public async Task Delete_during_a_build_wins()
    {
        var grain = fixture.Grains.GetGrain<IServerGrain>(Guid.NewGuid());
        var created = await grain.CreateAsync(Command());
        await grain.DeleteAsync(Demo);
        var row = await Eventually.Until(
            async () =>
            {
                fixture.Time.Advance(TimeSpan.FromMilliseconds(250));
                return await fixture.Index.FindAsync(created.Id);
            },
            s => s!.Deleted);
        row!.LaunchedAt.Should().BeNull();
    }

    [Fact]
    public async Task Another_project_cannot_delete()
    {
        var grain = fixture.Grains.GetGrain<IServerGrain>(Guid.NewGuid());
        await grain.CreateAsync(Command());
        var act = () => grain.DeleteAsync(Other);
        (await act.Should().ThrowAsync<ComputeFaultException>()).Which.StatusCode.Should().Be(404);
    }

    [Fact]
    public async Task A_driver_failure_puts_the_server_in_ERROR_with_a_fault()
    {
        var grain = fixture.Grains.GetGrain<IServerGrain>(Guid.NewGuid());
        await grain.CreateAsync(Command(name: "will-" + ClusterFixture.FailingName));
        var failed = await SettledAsync(grain);
        failed.Status.Should().Be(ServerStatus.Error);
        failed.Fault!.Code.Should().Be(500);
        failed.Fault.Message.Should().Contain("aborted");
        failed.LaunchedAt.Should().BeNull();
    }

    [Fact]
    public async Task A_taken_fixed_ip_fails_the_second_build()
    {
        var fixedIp = "10.0.77." + Random.Shared.Next(2, 250);
        var networks = new[] { new NetworkRequest { NetworkId = DefaultCatalog.PrivateNetworkId, FixedIp = fixedIp } };
        var first = fixture.Grains.GetGrain<IServerGrain>(Guid.NewGuid());
        await first.CreateAsync(Command(networks: networks));
        (await SettledAsync(first)).Addresses.Single().Address.Should().Be(fixedIp);

        var second = fixture.Grains.GetGrain<IServerGrain>(Guid.NewGuid());
        await second.CreateAsync(Command(networks: networks));
        var failed = await SettledAsync(second);
        failed.Status.Should().Be(ServerStatus.Error);
        failed.Fault!.Message.Should().Contain("already in use");
    }

    [Fact]
    public async Task Servers_get_distinct_addresses()
    {
        var grains = Enumerable.Range(0, 5).Select(_ => fixture.Grains.GetGrain<IServerGrain>(Guid.NewGuid())).ToArray();
        foreach (var grain in grains)
        {
            await grain.CreateAsync(Command());
        }

        var addresses = new List<string>();
        foreach (var grain in grains)
        {
            addresses.Add((await SettledAsync(grain)).Addresses.Single().Address);
        }

        addresses.Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task Create_is_idempotent_for_the_same_reservation_and_a_conflict_otherwise()
    {
        var grain = fixture.Grains.GetGrain<IServerGrain>(Guid.NewGuid());
        var first = await grain.CreateAsync(Command());
        var again = await grain.CreateAsync(Command());
        again.Id.Should().Be(first.Id);
        again.CreatedAt.Should().Be(first.CreatedAt);

        var act = () => grain.CreateAsync(Command(reservation: "r-other001"));
        (await act.Should().ThrowAsync<ComputeFaultException>()).Which.StatusCode.Should().Be(409);
    }
}

using System.Reflection;
using OrleansCompute.Catalog;
using OrleansCompute.Faults;
using OrleansCompute.Identity;
using OrleansCompute.Networking;
using OrleansCompute.Tests.Network;
using OrleansCompute.Quotas;
using OrleansCompute.Reservations;
using OrleansCompute.Scheduling;
using OrleansCompute.ServerGroups;
using OrleansCompute.Servers;

namespace OrleansCompute.Tests.Grains;

/// <summary>
/// The create saga's compensation at the grain level: a refusal at any step (a taken fixed IP, the group's member
/// limit, the server grain itself) gives back what the earlier steps took and nothing another server holds; a
/// timed-out server create gives back only when the server grain settles that the server does not exist; a
/// reservation refused by its group gives back its quota and is forgotten.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CreateSagaTests(ClusterFixture fixture)
{
    private static readonly FlavorSnapshot Tiny = new() { Id = "1", Name = "m1.tiny", Vcpus = 1, RamMb = 512, DiskGb = 1 };

    private static CallerContext Caller(string project) => new() { UserId = "saga", ProjectId = project, Roles = ["member"], RequestId = "req-saga" };

    private static ReservationRequest Request(string project, int maxCount = 1, Guid? group = null, int memberLimit = -1, string? fixedIp = null)
    {
        NetworkRequest[] addresses = fixedIp is null ? [] : [new NetworkRequest { NetworkId = DefaultCatalog.PrivateNetworkId, FixedIp = fixedIp }];
        // As the API resolves it: the group comes from the "group" scheduler hint.
        var hints = group is { } id
            ? new Dictionary<string, IReadOnlyList<string>> { ["group"] = [id.ToString()] }
            : new Dictionary<string, IReadOnlyList<string>>();
        return new ReservationRequest
        {
            Template = new CreateServerCommand
            {
                Caller = Caller(project),
                Name = "saga",
                ImageRef = DefaultCatalog.CirrosImageId,
                Flavor = Tiny,
                Networks = addresses,
                AutoAllocateNetwork = fixedIp is null,
                ReservationId = "",
                Hostname = "saga",
                ServerGroupId = group,
                SchedulerHints = hints,
                Scheduling = new ScheduleRequest { ProjectId = project, ServerIds = [], Flavor = Tiny, Hints = hints },
            },
            MinCount = 1,
            MaxCount = maxCount,
            FixedAddresses = addresses,
            GroupMemberLimit = memberLimit,
        };
    }

    private static string NewProject() => "saga-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>An address on the default network (10.0.0.0/16) that no server holds now.</summary>
    private async Task<string> FreeFixedIpAsync()
    {
        for (var third = 200; third < 255; third++)
        {
            var address = $"10.0.{third}.{Random.Shared.Next(2, 250)}";
            if (await IsFreeAsync(address))
            {
                return address;
            }
        }

        throw new InvalidOperationException("No free address found on the default network.");
    }

    private async Task<int> InstancesUsedAsync(string project) =>
        (await fixture.Grains.GetGrain<IProjectGrain>(project).GetQuotaAsync()).Usage.Instances;

    private async Task<Guid> NewGroupAsync(string project)
    {
        var id = Guid.NewGuid();
        await fixture.Grains.GetGrain<IServerGroupGrain>(id).CreateAsync(new ServerGroup { Id = id, Name = "saga", Policy = ServerGroup.SoftAffinity, ProjectId = project, UserId = "saga" });
        return id;
    }

    private async Task<IReadOnlyDictionary<Guid, string?>> MembersAsync(Guid group, string project) =>
        (await fixture.Grains.GetGrain<IServerGroupGrain>(group).FindAsync(Caller(project)))!.Members;

    /// <summary>Whether a new server can take <paramref name="fixedIp"/> now (it is given back right after).</summary>
    private async Task<bool> IsFreeAsync(string fixedIp)
    {
        var network = fixture.Grains.GetGrain<INetworkGrain>(DefaultCatalog.PrivateNetworkId);
        var probe = Guid.NewGuid();
        try
        {
            await network.ReserveAsync(probe, fixedIp, null);
        }
        catch (ComputeFaultException fault) when (fault.StatusCode == 409)
        {
            return false;
        }

        await network.ReleaseAsync(probe, fixedIp, null);
        return true;
    }

    [Fact]
    public async Task A_single_create_runs_every_step_and_answers_with_its_one_member()
    {
        var project = NewProject();
        var group = await NewGroupAsync(project);
        var fixedIp = await FreeFixedIpAsync();

        var outcome = await fixture.Grains.GetGrain<ICreateCoordinatorGrain>(0).CreateAsync(Request(project, group: group, memberLimit: 5, fixedIp: fixedIp));

        outcome.ReservationId.Should().MatchRegex("^r-[0-9a-z]{8}$");
        var member = outcome.Members.Should().ContainSingle().Subject;
        member.Name.Should().Be("saga");
        var server = await fixture.Grains.GetGrain<IServerGrain>(member.ServerId).GetAsync(Caller(project));
        server.ReservationId.Should().Be(outcome.ReservationId);
        server.Hostname.Should().Be("saga");
        (await InstancesUsedAsync(project)).Should().Be(1);
        (await MembersAsync(group, project)).Should().ContainKey(member.ServerId);
        (await IsFreeAsync(fixedIp)).Should().BeFalse("the server holds its fixed IP");
    }

    [Fact]
    public async Task A_taken_fixed_ip_is_a_409_and_the_create_takes_nothing_nor_frees_the_holders_address()
    {
        var project = NewProject();
        var fixedIp = await FreeFixedIpAsync();
        var holder = Guid.NewGuid();
        await fixture.Grains.GetGrain<INetworkGrain>(DefaultCatalog.PrivateNetworkId).ReserveAsync(holder, fixedIp, null);

        var create = () => fixture.Grains.GetGrain<ICreateCoordinatorGrain>(0).CreateAsync(Request(project, fixedIp: fixedIp));

        (await create.Should().ThrowAsync<ComputeFaultException>()).Which.StatusCode.Should().Be(409);
        (await InstancesUsedAsync(project)).Should().Be(0);
        (await IsFreeAsync(fixedIp)).Should().BeFalse("the address stays with the server that holds it");
    }

    [Fact]
    public async Task A_group_at_its_member_limit_is_a_403_and_gives_back_the_quota_and_the_address()
    {
        var project = NewProject();
        var group = await NewGroupAsync(project);
        var fixedIp = await FreeFixedIpAsync();

        var create = () => fixture.Grains.GetGrain<ICreateCoordinatorGrain>(0).CreateAsync(Request(project, group: group, memberLimit: 0, fixedIp: fixedIp));

        var refused = (await create.Should().ThrowAsync<ComputeFaultException>()).Which;
        refused.StatusCode.Should().Be(403);
        refused.Message.Should().Be("Quota exceeded, too many servers in group");
        (await InstancesUsedAsync(project)).Should().Be(0);
        (await MembersAsync(group, project)).Should().BeEmpty();
        (await IsFreeAsync(fixedIp)).Should().BeTrue();
    }

    [Fact]
    public async Task A_server_grain_that_refuses_the_create_gets_every_earlier_step_given_back()
    {
        var project = NewProject();
        var group = await NewGroupAsync(project);
        var fixedIp = await FreeFixedIpAsync();
        var plan = ServerCreateSaga.Plan(Request(project, group: group, memberLimit: 5, fixedIp: fixedIp));
        var serverId = plan.Members[0].ServerId;
        // The server grain refuses its create (409) once the id was abandoned.
        (await fixture.Grains.GetGrain<IServerGrain>(serverId).AbandonIfNotCreatedAsync()).Should().BeTrue();

        var create = () => new ServerCreateSaga(fixture.Grains, "r-refused0", new InMemoryCreateJournal(plan), parallelism: 1).RunAsync();

        (await create.Should().ThrowAsync<ComputeFaultException>()).Which.StatusCode.Should().Be(409);
        (await InstancesUsedAsync(project)).Should().Be(0);
        (await MembersAsync(group, project)).Should().BeEmpty();
        (await IsFreeAsync(fixedIp)).Should().BeTrue();
    }

    /// <summary>A single create (in a group) whose server create times out; the timeout reaches the caller.</summary>
    private async Task<(string Project, Guid Group, ReservationState Plan)> CreateTimingOutAsync(bool createFirst)
    {
        var project = NewProject();
        var group = await NewGroupAsync(project);
        var plan = ServerCreateSaga.Plan(Request(project, group: group, memberLimit: 5));
        var saga = new ServerCreateSaga(ServerCreatesTimeOut.Around(fixture.Grains, createFirst), "r-timeout0", new InMemoryCreateJournal(plan), parallelism: 1);
        var create = () => saga.RunAsync();
        await create.Should().ThrowAsync<TimeoutException>();
        return (project, group, plan);
    }

    [Fact]
    public async Task A_timed_out_create_whose_server_never_came_gives_back_and_the_late_create_is_refused()
    {
        var (project, group, plan) = await CreateTimingOutAsync(createFirst: false);

        (await InstancesUsedAsync(project)).Should().Be(0);
        (await MembersAsync(group, project)).Should().BeEmpty();
        var server = fixture.Grains.GetGrain<IServerGrain>(plan.Members[0].ServerId);
        var late = () => server.CreateAsync(Request(project).Template with { ReservationId = "r-timeout0" });
        (await late.Should().ThrowAsync<ComputeFaultException>()).Which.StatusCode.Should().Be(409);
    }

    [Fact]
    public async Task A_timed_out_create_whose_server_exists_keeps_its_claims()
    {
        var (project, group, plan) = await CreateTimingOutAsync(createFirst: true);

        var serverId = plan.Members[0].ServerId;
        (await fixture.Grains.GetGrain<IServerGrain>(serverId).GetAsync(Caller(project))).Id.Should().Be(serverId);
        (await InstancesUsedAsync(project)).Should().Be(1, "the server exists, so its quota stays claimed");
        (await MembersAsync(group, project)).Should().ContainKey(serverId);
    }

    [Fact]
    public async Task A_reservation_refused_by_its_group_gives_back_its_quota_and_is_forgotten()
    {
        var project = NewProject();
        var group = await NewGroupAsync(project);
        var reservationId = "r-" + Guid.NewGuid().ToString("N")[..8];
        var reservation = fixture.Grains.GetGrain<IReservationGrain>(reservationId);

        var create = () => reservation.CreateAsync(Request(project, maxCount: 3, group: group, memberLimit: 2));

        var refused = (await create.Should().ThrowAsync<ComputeFaultException>()).Which;
        refused.StatusCode.Should().Be(403);
        refused.Message.Should().Be("Quota exceeded, too many servers in group");
        (await InstancesUsedAsync(project)).Should().Be(0);
        (await MembersAsync(group, project)).Should().BeEmpty();
        var find = () => reservation.GetAsync();
        (await find.Should().ThrowAsync<ComputeFaultException>()).Which.StatusCode.Should().Be(404);
    }

    [Fact]
    public async Task A_reservation_runs_the_same_steps_and_joins_its_group_with_the_placed_hosts()
    {
        var project = NewProject();
        var group = await NewGroupAsync(project);

        var outcome = await fixture.Grains.GetGrain<ICreateCoordinatorGrain>(0).CreateAsync(Request(project, maxCount: 3, group: group, memberLimit: 5));

        outcome.Completed.Should().BeTrue();
        outcome.Members.Select(m => m.Name).Should().Equal("saga-1", "saga-2", "saga-3");
        outcome.Members.Should().OnlyContain(m => m.Created && m.Host != null);
        (await InstancesUsedAsync(project)).Should().Be(3);
        var members = await MembersAsync(group, project);
        members.Keys.Should().BeEquivalentTo(outcome.Members.Select(m => m.ServerId));
        members.Values.Should().OnlyContain(host => host != null, "the scheduler records where each member was placed");
    }
}

/// <summary>
/// A grain factory whose server grains answer a create with a timeout: before the create reaches the grain
/// (<c>createFirst</c> false) or after it was made (true: the answer was lost). Everything else goes through.
/// The same proxy stands for the factory and for each server grain it hands out.
/// </summary>
public class ServerCreatesTimeOut : DispatchProxy
{
    private object _inner = null!;
    private bool _createFirst;

    public static IGrainFactory Around(IGrainFactory inner, bool createFirst) => Wrap(inner, createFirst);

    private static T Wrap<T>(T inner, bool createFirst)
        where T : class
    {
        var proxy = Create<T, ServerCreatesTimeOut>();
        var self = (ServerCreatesTimeOut)(object)proxy;
        self._inner = inner;
        self._createFirst = createFirst;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        if (_inner is IServerGrain server && targetMethod!.Name == nameof(IServerGrain.CreateAsync))
        {
            return CreateThenTimeOutAsync(server, (CreateServerCommand)args![0]!);
        }

        var result = targetMethod!.Invoke(_inner, args);
        return result is IServerGrain grain ? Wrap(grain, _createFirst) : result;
    }

    private async Task<ServerSnapshot> CreateThenTimeOutAsync(IServerGrain server, CreateServerCommand command)
    {
        if (_createFirst)
        {
            await server.CreateAsync(command);
        }

        throw new TimeoutException("Response did not arrive on time");
    }
}

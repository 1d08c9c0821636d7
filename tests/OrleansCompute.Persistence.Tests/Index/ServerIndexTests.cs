using OrleansCompute.Faults;
using OrleansCompute.Indexing;
using OrleansCompute.Servers;

namespace OrleansCompute.Persistence.Tests.Index;

/// <summary>The server index's behaviour, run against every backend by the subclasses.</summary>
public abstract class ServerIndexTests : ServerIndexTestBase
{
    [Fact]
    public async Task An_upserted_snapshot_is_found_whole()
    {
        var server = TestServers.Make() with
        {
            Description = "desc",
            Metadata = new Dictionary<string, string> { ["k"] = "v" },
            TaskState = TaskState.Spawning,
            LaunchedAt = TestServers.Epoch.AddMinutes(1),
            Addresses = [new ServerAddress { NetworkId = "n1", NetworkLabel = "private", Address = "10.0.0.5", IpVersion = 4, MacAddress = "fa:16:3e:00:00:01" }],
            Fault = new ServerFault { Code = 500, Message = "boom", Created = TestServers.Epoch },
            SchedulerHints = new Dictionary<string, IReadOnlyList<string>> { ["group"] = ["g1"] },
            Tags = ["a", "b"],
        };

        await Index.UpsertAsync(server);

        (await Index.FindAsync(server.Id)).Should().BeEquivalentTo(server);
        (await Index.FindAsync(Guid.NewGuid())).Should().BeNull();
    }

    [Fact]
    public async Task A_snapshot_with_a_lower_or_equal_revision_never_replaces_the_stored_one()
    {
        var id = Guid.NewGuid();
        await Index.UpsertAsync(TestServers.Make(id, revision: 5) with { Name = "five" });

        await Index.UpsertAsync(TestServers.Make(id, revision: 4) with { Name = "four", VmState = VmState.Stopped });
        await Index.UpsertAsync(TestServers.Make(id, revision: 5) with { Name = "five again" });
        (await Index.FindAsync(id))!.Name.Should().Be("five");
        (await IdsAsync(new ServerQuery { VmStates = [VmState.Stopped] })).Should().BeEmpty();

        await Index.UpsertAsync(TestServers.Make(id, revision: 6) with { Name = "six", VmState = VmState.Stopped });
        (await Index.FindAsync(id))!.Name.Should().Be("six");
        (await IdsAsync(new ServerQuery { VmStates = [VmState.Stopped] })).Should().Equal(id);
    }

    [Fact]
    public async Task Visibility_shows_live_rows_and_adds_deleted_and_soft_deleted_ones_on_request()
    {
        var live = TestServers.Make() with { Name = "live" };
        var soft = TestServers.Make() with { VmState = VmState.SoftDeleted };
        var hard = TestServers.Make() with { VmState = VmState.Deleted, Deleted = true, DeletedAt = TestServers.Epoch };
        var hardAfterSoft = TestServers.Make() with { VmState = VmState.SoftDeleted, Deleted = true, DeletedAt = TestServers.Epoch };
        await UpsertAllAsync([live, soft, hard, hardAfterSoft]);

        (await IdsAsync(new ServerQuery())).Should().BeEquivalentTo([live.Id]);
        (await IdsAsync(new ServerQuery { IncludeDeleted = true })).Should().BeEquivalentTo([live.Id, hard.Id, hardAfterSoft.Id]);
        (await IdsAsync(new ServerQuery { IncludeSoftDeleted = true })).Should().BeEquivalentTo([live.Id, soft.Id]);
        (await IdsAsync(new ServerQuery { IncludeDeleted = true, IncludeSoftDeleted = true }))
            .Should().BeEquivalentTo([live.Id, soft.Id, hard.Id, hardAfterSoft.Id]);
    }

    [Fact]
    public async Task Project_vm_state_task_state_and_reservation_filters_match_exactly()
    {
        var a = TestServers.Make(projectId: "p1") with { VmState = VmState.Active, ReservationId = "r-1" };
        var b = TestServers.Make(projectId: "p1") with { VmState = VmState.Stopped, TaskState = TaskState.PoweringOn, ReservationId = "r-1" };
        var c = TestServers.Make(projectId: "p2") with { VmState = VmState.Error, TaskState = TaskState.Deleting, ReservationId = "r-2" };
        await UpsertAllAsync([a, b, c]);

        (await IdsAsync(new ServerQuery { ProjectId = "p1" })).Should().BeEquivalentTo([a.Id, b.Id]);
        (await IdsAsync(new ServerQuery { ProjectId = "p3" })).Should().BeEmpty();
        (await IdsAsync(new ServerQuery())).Should().BeEquivalentTo([a.Id, b.Id, c.Id]);
        (await IdsAsync(new ServerQuery { VmStates = [VmState.Stopped, VmState.Error] })).Should().BeEquivalentTo([b.Id, c.Id]);
        (await IdsAsync(new ServerQuery { VmStates = [] })).Should().BeEmpty();
        (await IdsAsync(new ServerQuery { TaskStates = [TaskState.PoweringOn] })).Should().BeEquivalentTo([b.Id]);
        (await IdsAsync(new ServerQuery { TaskStates = [TaskState.PoweringOn, TaskState.Deleting], ProjectId = "p2" })).Should().BeEquivalentTo([c.Id]);
        (await IdsAsync(new ServerQuery { ReservationId = "r-1" })).Should().BeEquivalentTo([a.Id, b.Id]);
    }

    [Fact]
    public async Task Changes_since_and_before_are_inclusive_at_microsecond_precision()
    {
        var t0 = TestServers.Epoch.AddTicks(12_340);
        var early = TestServers.Make() with { UpdatedAt = t0.AddTicks(-10) };
        var exact = TestServers.Make() with { UpdatedAt = t0 };
        var late = TestServers.Make() with { UpdatedAt = t0.AddTicks(10) };
        await UpsertAllAsync([early, exact, late]);

        (await IdsAsync(new ServerQuery { ChangesSince = t0 })).Should().BeEquivalentTo([exact.Id, late.Id]);
        (await IdsAsync(new ServerQuery { ChangesBefore = t0 })).Should().BeEquivalentTo([early.Id, exact.Id]);
        (await IdsAsync(new ServerQuery { ChangesSince = t0, ChangesBefore = t0 })).Should().BeEquivalentTo([exact.Id]);
        (await IdsAsync(new ServerQuery { ChangesSince = t0.ToOffset(TimeSpan.FromHours(-5)) })).Should().BeEquivalentTo([exact.Id, late.Id], "instants compare in UTC");
    }

    [Fact]
    public async Task The_default_order_is_created_at_descending_then_id_descending()
    {
        var servers = Enumerable.Range(0, 6)
            .Select(i => TestServers.Make(createdAt: TestServers.Epoch.AddSeconds(i / 2)))
            .ToList();
        await UpsertAllAsync(servers);

        var expected = servers.OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id.ToString("D"), StringComparer.Ordinal).Select(s => s.Id);
        (await IdsAsync(new ServerQuery())).Should().Equal(expected);
    }

    [Fact]
    public async Task Page_walks_over_rows_sharing_one_created_at_see_every_row_once()
    {
        var servers = Enumerable.Range(0, 25).Select(_ => TestServers.Make(createdAt: TestServers.Epoch)).ToList();
        await UpsertAllAsync(servers);
        var all = await IdsAsync(new ServerQuery());

        foreach (var size in new[] { 1, 2, 3, 7, 25, 26 })
        {
            (await PageWalk.AllIdsAsync(Index, new ServerQuery(), size)).Should().Equal(all, $"page size {size}");
            (await PageWalk.AllIdsAsync(Index, new ServerQuery { Sort = [new SortKey("created_at", Descending: false)] }, size))
                .Should().Equal(Enumerable.Reverse(all), $"ascending, page size {size}");
        }
    }

    [Fact]
    public async Task Limit_caps_the_page_and_limit_0_returns_nothing()
    {
        await UpsertAllAsync(Enumerable.Range(0, 5).Select(_ => TestServers.Make()));

        (await Index.QueryAsync(new ServerQuery { Limit = 3 })).Should().HaveCount(3);
        (await Index.QueryAsync(new ServerQuery { Limit = 0 })).Should().BeEmpty();
    }

    [Fact]
    public async Task An_unknown_marker_is_a_400_fault_naming_the_marker()
    {
        await Index.UpsertAsync(TestServers.Make());
        var marker = Guid.NewGuid();

        foreach (var limit in new[] { 10, 0 })
        {
            var fault = (await FluentActions.Awaiting(() => Index.QueryAsync(new ServerQuery { Marker = marker, Limit = limit }))
                .Should().ThrowAsync<ComputeFaultException>()).Which;
            fault.StatusCode.Should().Be(400);
            fault.Message.Should().Be($"marker [{marker}] not found");
        }
    }

    [Fact]
    public async Task A_deleted_server_may_be_the_marker_and_the_page_continues_after_its_position()
    {
        var newest = TestServers.Make(createdAt: TestServers.Epoch.AddSeconds(3));
        var deleted = TestServers.Make(createdAt: TestServers.Epoch.AddSeconds(2)) with { Deleted = true, VmState = VmState.Deleted };
        var older = TestServers.Make(createdAt: TestServers.Epoch.AddSeconds(1));
        var oldest = TestServers.Make(createdAt: TestServers.Epoch);
        await UpsertAllAsync([newest, deleted, older, oldest]);

        (await IdsAsync(new ServerQuery { Marker = deleted.Id })).Should().Equal(older.Id, oldest.Id);
    }

    [Fact]
    public async Task A_marker_from_another_project_still_positions_the_page()
    {
        var mine = TestServers.Make(projectId: "p1", createdAt: TestServers.Epoch);
        var theirs = TestServers.Make(projectId: "p2", createdAt: TestServers.Epoch.AddSeconds(1));
        await UpsertAllAsync([mine, theirs]);

        (await IdsAsync(new ServerQuery { ProjectId = "p1", Marker = theirs.Id })).Should().Equal(mine.Id);
    }

    [Fact]
    public async Task An_unknown_sort_key_is_rejected()
    {
        await FluentActions.Awaiting(() => Index.QueryAsync(new ServerQuery { Sort = [new SortKey("snapshot; DROP TABLE compute_servers", false)] }))
            .Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task Parallel_upserts_of_many_revisions_keep_exactly_the_highest_without_lock_errors()
    {
        var ids = Enumerable.Range(0, 200).Select(_ => Guid.NewGuid()).ToArray();
        var writes = ids
            .SelectMany(id => Enumerable.Range(1, 5).Select(revision => TestServers.Make(id, revision: revision) with { Progress = revision * 10 }))
            .OrderBy(_ => Random.Shared.Next())
            .ToArray();

        // Readers run beside the writers, as list requests do beside grain writes.
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 20; i++)
            {
                await Index.QueryAsync(new ServerQuery { Limit = 50 });
            }
        }));
        await Task.WhenAll(writes.Select(server => Task.Run(() => Index.UpsertAsync(server))).Concat(readers));

        var stored = await Index.QueryAsync(new ServerQuery { Limit = 1000 });
        stored.Should().HaveCount(200);
        stored.Should().OnlyContain(server => server.Revision == 5 && server.Progress == 50);
        (await Backend.CountRowsAsync("revision <> 5")).Should().Be(0);
    }
}

using System.Diagnostics;
using OrleansCompute.Faults;
using OrleansCompute.Indexing;
using OrleansCompute.Servers;

namespace OrleansCompute.Persistence.Tests.Index;

/// <summary>The list filters beyond project, state and time: exact matches, regular expressions, tags, visibility.</summary>
public sealed class ServerIndexFilterTests : ServerIndexTestBase
{
    private static ServerAddress Fixed(string address, int version = 4) => new()
    {
        NetworkId = "n1", NetworkLabel = "private", Address = address, IpVersion = version, MacAddress = "fa:16:3e:00:00:01",
    };

    [Fact]
    public async Task Exact_filters_match_user_image_flavor_host_uuid_and_lock()
    {
        var a = TestServers.Make() with { UserId = "u1", ImageRef = "img-1", Host = "h1", Locked = true };
        var b = TestServers.Make() with { UserId = "u2", ImageRef = "img-2", Host = "h2", Flavor = TestServers.Make().Flavor with { Id = "42" } };
        var c = TestServers.Make() with { UserId = "u10", ImageRef = "img-10", Host = null };
        await UpsertAllAsync([a, b, c]);

        (await IdsAsync(new ServerQuery { UserId = "u1" })).Should().Equal(a.Id);
        (await IdsAsync(new ServerQuery { ImageRef = "img-1" })).Should().Equal(a.Id);
        (await IdsAsync(new ServerQuery { ImageRefs = ["img-2", "img-10"] })).Should().BeEquivalentTo([b.Id, c.Id]);
        (await IdsAsync(new ServerQuery { ImageRefs = [] })).Should().BeEmpty();
        (await IdsAsync(new ServerQuery { FlavorId = "42" })).Should().Equal(b.Id);
        (await IdsAsync(new ServerQuery { Host = "h2" })).Should().Equal(b.Id);
        (await IdsAsync(new ServerQuery { Uuid = c.Id })).Should().Equal(c.Id);
        (await IdsAsync(new ServerQuery { Uuid = Guid.Empty })).Should().BeEmpty();
        (await IdsAsync(new ServerQuery { Locked = true })).Should().Equal(a.Id);
        (await IdsAsync(new ServerQuery { Locked = false })).Should().BeEquivalentTo([b.Id, c.Id]);
    }

    [Fact]
    public async Task Name_is_an_unanchored_case_insensitive_regular_expression()
    {
        var web1 = TestServers.Make() with { Name = "web-1" };
        var web2 = TestServers.Make() with { Name = "Web-2" };
        var db = TestServers.Make() with { Name = "db-web" };
        var other = TestServers.Make() with { Name = "cache" };
        await UpsertAllAsync([web1, web2, db, other]);

        (await IdsAsync(Pattern(ServerTextField.Name, "web"))).Should().BeEquivalentTo([web1.Id, web2.Id, db.Id]);
        (await IdsAsync(Pattern(ServerTextField.Name, "^web-[0-9]$"))).Should().BeEquivalentTo([web1.Id, web2.Id]);
        (await IdsAsync(Pattern(ServerTextField.Name, "b.1"))).Should().BeEquivalentTo([web1.Id]);
        (await IdsAsync(new ServerQuery
        {
            Patterns = [new ServerPattern(ServerTextField.Name, "web"), new ServerPattern(ServerTextField.Name, "^db")],
        })).Should().Equal(db.Id);
    }

    [Fact]
    public async Task Column_patterns_match_the_text_nova_renders_and_never_a_null()
    {
        var launched = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero).AddTicks(1234);
        var a = TestServers.Make() with
        {
            Description = "front end",
            PowerState = PowerState.Running,
            Progress = 100,
            LaunchIndex = 3,
            LaunchedAt = launched,
            ConfigDrive = true,
            DiskConfig = "AUTO",
            KeyName = "deploy-key",
            LockedBy = "owner",
            AccessIPv4 = "192.0.2.10",
            Node = "node-7",
            AvailabilityZone = "zone-east",
            Hostname = "front-1",
            ReservationId = "r-abcdef12",
        };
        var b = TestServers.Make() with { Description = null, PowerState = PowerState.Shutdown, KeyName = null };
        await UpsertAllAsync([a, b]);

        var cases = new (ServerTextField Field, string Pattern)[]
        {
            (ServerTextField.Description, "front"),
            (ServerTextField.PowerState, "^1$"),
            (ServerTextField.Progress, "^100$"),
            (ServerTextField.LaunchIndex, "3"),
            (ServerTextField.LaunchedAt, "^2026-03-04 05:06:07$"),
            (ServerTextField.ConfigDrive, "^True$"),
            (ServerTextField.AutoDiskConfig, "^1$"),
            (ServerTextField.KeyName, "deploy"),
            (ServerTextField.LockedBy, "own"),
            (ServerTextField.AccessIPv4, "^192\\.0\\.2\\."),
            (ServerTextField.Node, "node-7"),
            (ServerTextField.AvailabilityZone, "east"),
            (ServerTextField.Hostname, "front"),
            (ServerTextField.ReservationId, "abcdef"),
        };
        foreach (var (field, pattern) in cases)
        {
            (await IdsAsync(Pattern(field, pattern))).Should().Equal([a.Id], $"{field} ~ {pattern}");
        }

        (await IdsAsync(Pattern(ServerTextField.CreatedAt, "^2026-01-01 00:00:00$"))).Should().BeEquivalentTo([a.Id, b.Id]);
        (await IdsAsync(Pattern(ServerTextField.RootDeviceName, "vda"))).Should().BeEquivalentTo([a.Id, b.Id]);
        (await IdsAsync(Pattern(ServerTextField.Description, ".*"))).Should().Equal([a.Id], "a null description never matches");
        (await IdsAsync(Pattern(ServerTextField.TerminatedAt, ".*"))).Should().BeEmpty();
    }

    [Fact]
    public async Task Ip_patterns_are_anchored_at_the_start_of_any_fixed_address_of_a_built_server()
    {
        var first = TestServers.Make() with { Addresses = [Fixed("10.0.0.5"), Fixed("fd00::5", 6)] };
        var second = TestServers.Make() with { Addresses = [Fixed("192.168.0.10"), Fixed("10.0.0.50")] };
        var floatingOnly = TestServers.Make() with { Addresses = [Fixed("10.0.0.7") with { Type = "floating" }] };
        var building = TestServers.Make() with { VmState = VmState.Building, Addresses = [Fixed("10.0.0.8")] };
        await UpsertAllAsync([first, second, floatingOnly, building]);

        (await IdsAsync(Pattern(ServerTextField.FixedIPv4, "10.0.0"))).Should().BeEquivalentTo([first.Id, second.Id]);
        (await IdsAsync(Pattern(ServerTextField.FixedIPv4, "10\\.0\\.0\\.5$"))).Should().Equal(first.Id);
        (await IdsAsync(Pattern(ServerTextField.FixedIPv4, "0.0.5"))).Should().BeEmpty("the match is anchored at the start");
        (await IdsAsync(Pattern(ServerTextField.FixedIPv4, "192|10\\.0\\.0\\.50"))).Should().Equal(second.Id);
        (await IdsAsync(Pattern(ServerTextField.FixedIPv6, "fd00:"))).Should().Equal(first.Id);
        (await IdsAsync(Pattern(ServerTextField.FixedIPv4, "fd00"))).Should().BeEmpty();
    }

    [Fact]
    public async Task A_catastrophic_pattern_runs_in_linear_time()
    {
        var name = new string('a', 5000) + "!";
        await UpsertAllAsync(Enumerable.Range(0, 50).Select(_ => TestServers.Make() with { Name = name }));

        var clock = Stopwatch.StartNew();
        (await IdsAsync(Pattern(ServerTextField.Name, "^(a+)+$"))).Should().BeEmpty();
        (await IdsAsync(Pattern(ServerTextField.Name, "(a|aa)*b"))).Should().BeEmpty();
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_pattern_that_needs_backtracking_and_exceeds_its_time_budget_is_a_400()
    {
        await Index.UpsertAsync(TestServers.Make() with { Name = new string('a', 40) + "!" });

        // A backreference forces the backtracking engine; nested quantifiers make it exponential.
        var fault = (await FluentActions.Awaiting(() => Index.QueryAsync(Pattern(ServerTextField.Name, "^(a+)+\\1$")))
            .Should().ThrowAsync<ComputeFaultException>()).Which;
        fault.StatusCode.Should().Be(400);

        (await IdsAsync(Pattern(ServerTextField.Name, "(a)\\1"))).Should().HaveCount(1, "backreferences still work");
    }

    [Fact]
    public async Task Tag_filters_follow_novas_all_any_not_all_and_none_semantics()
    {
        var ab = TestServers.Make() with { Tags = ["a", "b"] };
        var a = TestServers.Make() with { Tags = ["a"] };
        var c = TestServers.Make() with { Tags = ["c"] };
        var none = TestServers.Make();
        var upper = TestServers.Make() with { Tags = ["A"] };
        await UpsertAllAsync([ab, a, c, none, upper]);

        (await IdsAsync(new ServerQuery { TagsAll = ["a", "b"] })).Should().Equal(ab.Id);
        (await IdsAsync(new ServerQuery { TagsAll = ["a", "a"] })).Should().BeEquivalentTo([ab.Id, a.Id], "duplicates count once");
        (await IdsAsync(new ServerQuery { TagsAny = ["b", "c"] })).Should().BeEquivalentTo([ab.Id, c.Id]);
        (await IdsAsync(new ServerQuery { NotTagsAll = ["a", "b"] })).Should().BeEquivalentTo([a.Id, c.Id, none.Id, upper.Id]);
        (await IdsAsync(new ServerQuery { NotTagsAny = ["a", "b"] })).Should().BeEquivalentTo([c.Id, none.Id, upper.Id]);
        (await IdsAsync(new ServerQuery { TagsAny = ["a"], NotTagsAny = ["b"] })).Should().Equal(a.Id);
        (await IdsAsync(new ServerQuery { TagsAll = ["A"] })).Should().Equal([upper.Id], "tags compare with case");
        (await IdsAsync(new ServerQuery { TagsAll = [string.Empty] })).Should().BeEmpty();
    }

    [Fact]
    public async Task Exclude_live_leaves_only_the_deleted_and_soft_deleted_rows_asked_for()
    {
        var live = TestServers.Make();
        var soft = TestServers.Make() with { VmState = VmState.SoftDeleted };
        var hard = TestServers.Make() with { VmState = VmState.Deleted, Deleted = true, DeletedAt = TestServers.Epoch };
        await UpsertAllAsync([live, soft, hard]);

        (await IdsAsync(new ServerQuery { ExcludeLive = true, IncludeDeleted = true, IncludeSoftDeleted = true })).Should().BeEquivalentTo([soft.Id, hard.Id]);
        (await IdsAsync(new ServerQuery { ExcludeLive = true, IncludeDeleted = true })).Should().Equal(hard.Id);
        (await IdsAsync(new ServerQuery { ExcludeLive = true, IncludeSoftDeleted = true })).Should().Equal(soft.Id);
        (await IdsAsync(new ServerQuery { ExcludeLive = true })).Should().BeEmpty();
        (await IdsAsync(new ServerQuery { ExcludeLive = true, IncludeDeleted = true, IncludeSoftDeleted = true, VmStates = [VmState.Deleted] }))
            .Should().Equal([hard.Id], "status=DELETED for an admin");
    }

    [Fact]
    public async Task Filters_and_patterns_keep_page_walks_exact()
    {
        var servers = Enumerable.Range(0, 40)
            .Select(i => TestServers.Make(createdAt: TestServers.Epoch.AddSeconds(i % 5)) with { Name = i % 3 == 0 ? $"web-{i}" : $"db-{i}", Tags = i % 2 == 0 ? ["even"] : [] })
            .ToList();
        await UpsertAllAsync(servers);
        var query = new ServerQuery { Patterns = [new ServerPattern(ServerTextField.Name, "^web")], TagsAny = ["even"] };
        var expected = ReferenceOrder.Sort(servers.Where(s => s.Name.StartsWith("web", StringComparison.Ordinal) && s.Tags.Contains("even")), []);

        foreach (var size in new[] { 1, 2, 5 })
        {
            (await PageWalk.AllIdsAsync(Index, query, size)).Should().Equal(expected, $"page size {size}");
        }
    }

    private static ServerQuery Pattern(ServerTextField field, string pattern) => new() { Patterns = [new ServerPattern(field, pattern)] };
}

using OrleansCompute.Indexing;
using OrleansCompute.Persistence.Index;

namespace OrleansCompute.Persistence.Tests.Index;

/// <summary>Sort keys and page walks against a reference order; one subclass per backend.</summary>
public abstract class ServerIndexSortTests(SortedIndexFixture fixture)
{
    public static TheoryData<string, bool> EveryKeyBothWays()
    {
        var data = new TheoryData<string, bool>();
        foreach (var key in ReferenceOrder.Keys)
        {
            data.Add(key, false);
            data.Add(key, true);
        }

        return data;
    }

    public static TheoryData<string> MultiKeySorts() => new()
    {
        "vm_state:asc,display_name:desc",
        "host:desc,task_state:asc",
        "task_state:desc,host:asc,launched_at:desc",
        "locked:asc,uuid:desc",
        "uuid:asc",
        "project_id:desc,created_at:asc,power_state:desc",
        "terminated_at:asc,key_name:desc,node:asc",
        "root_device_name:asc,display_description:desc",
        "locked_by:desc,auto_disk_config:asc,instance_type_id:desc",
    };

    [Fact]
    public void The_whitelist_and_the_reference_cover_the_same_keys()
    {
        ServerSortColumns.NovaKeys.Should().BeEquivalentTo(ReferenceOrder.Keys);
    }

    [Theory]
    [MemberData(nameof(EveryKeyBothWays))]
    public async Task Each_sort_key_orders_and_pages_like_the_reference(string key, bool descending)
    {
        await AssertOrderAndWalksAsync([new SortKey(key, descending)]);
    }

    [Theory]
    [MemberData(nameof(MultiKeySorts))]
    public async Task Multiple_sort_keys_order_and_page_like_the_reference(string spec)
    {
        var sort = spec.Split(',').Select(part => part.Split(':')).Select(p => new SortKey(p[0], p[1] == "desc")).ToList();

        await AssertOrderAndWalksAsync(sort);
    }

    [Fact]
    public async Task Filters_and_marker_pages_combine()
    {
        var query = new ServerQuery { ProjectId = "p2", VmStates = ["active", "stopped"], Sort = [new SortKey("host", true)] };
        var expected = ReferenceOrder.Sort(
            fixture.Servers.Where(s => s.ProjectId == "p2" && s.VmState is "active" or "stopped"),
            query.Sort);

        (await PageWalk.AllIdsAsync(fixture.Index, query, 2)).Should().Equal(expected);
    }

    private async Task AssertOrderAndWalksAsync(IReadOnlyList<SortKey> sort)
    {
        var query = new ServerQuery { Sort = sort };
        var expected = ReferenceOrder.Sort(fixture.Servers, sort);

        (await fixture.Index.QueryAsync(query)).Select(server => server.Id).Should().Equal(expected);
        foreach (var size in new[] { 1, 4, 7 })
        {
            (await PageWalk.AllIdsAsync(fixture.Index, query, size)).Should().Equal(expected, $"page size {size}");
        }
    }
}

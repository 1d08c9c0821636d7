using OrleansCompute.Networking;
using OrleansCompute.Persistence.Index;
using OrleansCompute.Persistence.Tests.Support;

namespace OrleansCompute.Persistence.Tests.Index;

/// <summary>
/// The network index (compute_neutron_resources) on both databases with one SQL text: a project's rows plus the
/// public ones, rows under a parent, rows by id, and an upsert that never lowers a revision.
/// </summary>
public sealed class NeutronIndexTests
{
    [Fact]
    public async Task Sqlite_index_answers_as_the_network_lists_need()
    {
        await using var temp = await TempDatabase.CreateAsync();
        await ExerciseAsync(NeutronIndexes.For(temp.Database));
    }

    [Fact]
    public async Task Postgres_index_answers_the_same()
    {
        await using var temp = await PostgresTestDatabase.CreateAsync();
        await ExerciseAsync(NeutronIndexes.For(temp.Database));
    }

    private static async Task ExerciseAsync(INeutronIndex index)
    {
        static NeutronIndexRow Row(string kind, string id, string project, long revision, string parent = "", bool visible = false) => new()
        {
            Kind = kind, Id = id, ProjectId = project, ParentId = parent, VisibleToAll = visible, Revision = revision, Body = $"{{\"rev\":{revision}}}",
        };

        await index.UpsertAsync(Row(NeutronKinds.Network, "n-a", "a", 1));
        await index.UpsertAsync(Row(NeutronKinds.Network, "n-b", "b", 1));
        await index.UpsertAsync(Row(NeutronKinds.Network, "n-shared", "b", 1, visible: true));
        await index.UpsertAsync(Row(NeutronKinds.Port, "p-1", "a", 1, parent: "n-a"));
        await index.UpsertAsync(Row(NeutronKinds.Port, "p-2", "a", 1, parent: "n-shared"));

        var ofA = await index.QueryAsync(new NeutronIndexQuery { Kind = NeutronKinds.Network, ProjectId = "a" });
        ofA.Select(r => r.Id).Should().Equal("n-a", "n-shared");
        (await index.QueryAsync(new NeutronIndexQuery { Kind = NeutronKinds.Network })).Should().HaveCount(3);
        (await index.QueryAsync(new NeutronIndexQuery { Kind = NeutronKinds.Port, ParentId = "n-shared" })).Should().ContainSingle().Which.Id.Should().Be("p-2");
        (await index.QueryAsync(new NeutronIndexQuery { Kind = NeutronKinds.Network, Ids = ["n-b", "nope"] })).Should().ContainSingle().Which.VisibleToAll.Should().BeFalse();
        (await index.QueryAsync(new NeutronIndexQuery { Kind = NeutronKinds.Network, Ids = [] })).Should().BeEmpty();

        await index.UpsertAsync(Row(NeutronKinds.Network, "n-a", "a", 3));
        await index.UpsertAsync(Row(NeutronKinds.Network, "n-a", "a", 2));
        var a = (await index.QueryAsync(new NeutronIndexQuery { Kind = NeutronKinds.Network, Ids = ["n-a"] })).Single();
        a.Revision.Should().Be(3, "a late write of an older revision never replaces a newer one");
        a.Body.Should().Be("{\"rev\":3}");

        await index.DeleteAsync(NeutronKinds.Port, "p-1");
        (await index.QueryAsync(new NeutronIndexQuery { Kind = NeutronKinds.Port, ProjectId = "a" })).Select(r => r.Id).Should().Equal("p-2");
    }
}

using System.Net;
using OrleansCompute.Tests.Http;

namespace OrleansCompute.Tests.Create;

/// <summary>
/// <c>GET /os-server-groups?all_projects</c> as Nova answers it: an admin gets every project's groups, anyone else
/// their own project's (the parameter is ignored, not refused).
/// </summary>
[Collection(CreateHostCollection.Name)]
public sealed class ServerGroupAllProjectsTests(CreateHostFixture fixture)
{
    [Fact]
    public async Task An_admin_lists_every_project_group_with_all_projects_and_a_member_only_its_own()
    {
        using var first = fixture.NewProject(out _);
        using var second = fixture.NewProject(out _);
        using var admin = fixture.NewProject(out _, admin: true);
        var firstGroup = await CreateGroupAsync(first, "first");
        var secondGroup = await CreateGroupAsync(second, "second");

        (await GroupIdsAsync(admin, "/v2.1/os-server-groups?all_projects=True")).Should().Contain([firstGroup, secondGroup]);
        (await GroupIdsAsync(admin, "/v2.1/os-server-groups")).Should().NotContain([firstGroup, secondGroup], "without all_projects an admin lists its own project");
        (await GroupIdsAsync(second, "/v2.1/os-server-groups?all_projects=True")).Should().Equal([secondGroup], "a member's all_projects is ignored");

        (await second.DeleteAsync($"/v2.1/os-server-groups/{secondGroup}")).Status.Should().Be(HttpStatusCode.NoContent);
        (await GroupIdsAsync(admin, "/v2.1/os-server-groups?all_projects=True")).Should().Contain(firstGroup).And.NotContain(secondGroup);
    }

    private static async Task<string> CreateGroupAsync(NovaClient client, string name)
    {
        var created = await client.PostAsync("/v2.1/os-server-groups", $$$"""{"server_group": {"name": "{{{name}}}", "policies": ["affinity"]}}""");
        created.Status.Should().Be(HttpStatusCode.OK, created.Body);
        return created.Json["server_group"]!["id"]!.GetValue<string>();
    }

    private static async Task<List<string>> GroupIdsAsync(NovaClient client, string path)
    {
        var listed = await client.GetAsync(path);
        listed.Status.Should().Be(HttpStatusCode.OK, listed.Body);
        return [.. listed.Json["server_groups"]!.AsArray().Select(group => group!["id"]!.GetValue<string>())];
    }
}

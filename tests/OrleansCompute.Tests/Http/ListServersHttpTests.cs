using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;

namespace OrleansCompute.Tests.Http;

/// <summary>The list endpoints over real HTTP: filters, sorting, the next link, and page walks during creates.</summary>
[Collection(HostCollection.Name)]
public sealed class ListServersHttpTests(HostFixture fixture)
{
    private NovaClient NewProject(out string project)
    {
        project = $"p{Guid.NewGuid():N}";
        return NovaClient.For(fixture.Host, $"user:{project}");
    }

    private static List<string> Ids(NovaResponse response) =>
        [.. response.Json["servers"]!.AsArray().Select(s => s!["id"]!.GetValue<string>())];

    [Fact]
    public async Task Page_walks_see_every_server_exactly_once_while_servers_are_being_created()
    {
        using var client = NewProject(out _);
        var existing = new List<string>();
        for (var i = 0; i < 24; i++)
        {
            existing.Add(await client.CreateServerAsync($"walk-{i}"));
        }

        foreach (var sort in new[] { "", "&sort_key=display_name&sort_dir=asc", "&sort_key=created_at&sort_dir=asc" })
        {
            var created = new ConcurrentBag<string>();
            using var stop = new CancellationTokenSource();
            var creator = Task.Run(async () =>
            {
                for (var i = 0; i < 10 && !stop.IsCancellationRequested; i++)
                {
                    created.Add(await client.CreateServerAsync($"walk-new-{i}"));
                }
            });

            var seen = new List<string>();
            string? next = $"/v2.1/servers?limit=5{sort}";
            while (next is not null)
            {
                var page = await client.GetAsync(next);
                page.Status.Should().Be(HttpStatusCode.OK, page.Body);
                seen.AddRange(Ids(page));
                next = page.Json["servers_links"]?[0]?["href"]?.GetValue<string>() is { } href
                    ? new Uri(href).PathAndQuery
                    : null;
            }

            await stop.CancelAsync();
            await creator;
            seen.Should().OnlyHaveUniqueItems($"sort '{sort}'");
            seen.Should().Contain(existing, $"sort '{sort}'");
            seen.Except(existing).Should().BeSubsetOf(created, "only servers created during the walk may be new");
            existing.AddRange(created);
        }
    }

    [Fact]
    public async Task The_next_link_repeats_the_query_sorted_with_the_last_id_as_marker()
    {
        using var client = NewProject(out _);
        for (var i = 0; i < 3; i++)
        {
            await client.CreateServerAsync($"link-{i}");
        }

        var page = await client.GetAsync("/v2.1/servers/detail?sort_key=display_name&limit=2&sort_dir=asc");
        var ids = Ids(page);
        page.Json["servers"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()).Should().Equal("link-0", "link-1");
        page.Json["servers_links"]![0]!["href"]!.GetValue<string>().Should().Be(
            $"{fixture.Host.BaseAddress}v2.1/servers/detail?limit=2&marker={ids[1]}&sort_dir=asc&sort_key=display_name");

        var last = await client.GetAsync($"/v2.1/servers/detail?sort_key=display_name&limit=2&sort_dir=asc&marker={ids[1]}");
        last.Json["servers"]!.AsArray().Should().ContainSingle();
        last.Json["servers_links"].Should().BeNull();
        (await client.GetAsync($"/v2.1/servers?marker={Guid.NewGuid()}")).Status.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Filters_reach_the_index_and_admins_list_across_projects()
    {
        using var client = NewProject(out var project);
        var web = await client.CreateServerAsync("web-one");
        var db = await client.CreateServerAsync("db-one");
        await client.WaitForStatusAsync(web, "ACTIVE");
        await client.WaitForStatusAsync(db, "ACTIVE");

        Ids(await client.GetAsync("/v2.1/servers?name=WEB")).Should().Equal(web);
        Ids(await client.GetAsync("/v2.1/servers?status=ACTIVE&sort_key=display_name&sort_dir=asc")).Should().Equal(db, web);
        Ids(await client.GetAsync("/v2.1/servers?status=SHUTOFF")).Should().BeEmpty();
        var webIp = (await client.GetAsync($"/v2.1/servers/{web}")).Json["server"]!["addresses"]!.AsObject().First().Value![0]!["addr"]!.GetValue<string>();
        Ids(await client.GetAsync($"/v2.1/servers?ip={webIp.Replace(".", "\\.", StringComparison.Ordinal)}$")).Should().Equal(web);
        Ids(await client.GetAsync("/v2.1/servers?host=anything")).Should().HaveCount(2, "host is an admin filter, dropped for members");
        (await client.GetAsync("/v2.1/servers?all_tenants=1")).Status.Should().Be(HttpStatusCode.Forbidden);
        (await client.GetAsync("/v2.1/servers?sort_key=host")).Status.Should().Be(HttpStatusCode.Forbidden);
        (await client.GetAsync("/v2.1/servers?bogus=1")).Status.Should().Be(HttpStatusCode.OK, "unknown parameters are ignored before 2.75");
        (await client.GetAsync("/v2.1/servers?bogus=1", "2.75")).Status.Should().Be(HttpStatusCode.BadRequest);
        Ids(await client.GetAsync("/v2.1/servers?locked=false&sort_key=locked", "2.73")).Should().HaveCount(2);
        Ids(await client.GetAsync("/v2.1/servers?locked=true", "2.73")).Should().BeEmpty();
        Ids(await client.GetAsync("/v2.1/servers?key_name=x", "2.83")).Should().BeEmpty("key_name is a member filter from 2.83");

        using var admin = NovaClient.For(fixture.Host, "admin:admin");
        Ids(await admin.GetAsync($"/v2.1/servers?all_tenants=1&project_id={project}&status=ACTIVE&sort_key=display_name&sort_dir=desc"))
            .Should().Equal(web, db);
        Ids(await admin.GetAsync($"/v2.1/servers?all_tenants=1&tenant_id={project}&name=^db")).Should().Equal(db);
        Ids(await admin.GetAsync("/v2.1/servers?name=^db")).Should().NotContain(db, "without all_tenants an admin lists their own project");
    }

    [Fact]
    public async Task Deleted_servers_show_with_changes_since_and_to_admins_with_deleted_true()
    {
        using var client = NewProject(out var project);
        var gone = await client.CreateServerAsync("gone");
        var kept = await client.CreateServerAsync("kept");
        await client.WaitForStatusAsync(gone, "ACTIVE");
        var since = DateTimeOffset.UtcNow.AddMinutes(-5).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        (await client.DeleteAsync($"/v2.1/servers/{gone}")).Status.Should().Be(HttpStatusCode.NoContent);
        await Infrastructure.Eventually.Until(
            async () => Ids(await client.GetAsync("/v2.1/servers")),
            ids => !ids.Contains(gone));

        var changes = await client.GetAsync($"/v2.1/servers/detail?changes-since={since}");
        changes.Json["servers"]!.AsArray().Single(s => s!["id"]!.GetValue<string>() == gone)!["status"]!.GetValue<string>().Should().Be("DELETED");
        Ids(changes).Should().Contain(kept);
        Ids(await client.GetAsync("/v2.1/servers?deleted=true")).Should().Equal([kept], "deleted is an admin filter");
        (await client.GetAsync("/v2.1/servers?status=DELETED")).Status.Should().Be(HttpStatusCode.Forbidden);

        using var admin = NovaClient.For(fixture.Host, "admin:admin");
        Ids(await admin.GetAsync($"/v2.1/servers?all_tenants=1&project_id={project}&deleted=true")).Should().Equal(gone);
        Ids(await admin.GetAsync($"/v2.1/servers?all_tenants=1&project_id={project}&status=DELETED")).Should().Equal(gone);
    }
}

using System.Net;
using OrleansCompute.Tests.Http;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Create;

/// <summary>Multi-create through the ReservationGrain: counts, naming, partial quota, the reservation filter, failures.</summary>
[Collection(CreateHostCollection.Name)]
public sealed class MultiCreateTests(CreateHostFixture fixture)
{
    [Fact]
    public async Task A_reservation_names_and_numbers_its_members_and_the_filter_lists_exactly_them()
    {
        using var client = fixture.NewProject(out var project);
        var response = await client.PostAsync("/v2.1/servers", CreateTestBodies.Server("web", ", \"min_count\": \"2\", \"max_count\": \"3\", \"return_reservation_id\": \"True\""));
        response.Status.Should().Be(HttpStatusCode.Accepted, response.Body);
        response.Json.AsObject().Select(p => p.Key).Should().Equal("reservation_id");
        response.Header("Location").Should().BeNull();
        var reservation = response.Json["reservation_id"]!.GetValue<string>();
        reservation.Should().MatchRegex("^r-[0-9a-z]{8}$");
        await client.PostAsync("/v2.1/servers", CreateTestBodies.Server("other"));

        // As in Nova, every member exists once the answer comes: the filter lists them all at once.
        var listed = (await client.GetAsync($"/v2.1/servers?reservation_id={reservation}")).Json["servers"]!.AsArray();
        listed.Should().HaveCount(3);
        listed.Select(s => s!["name"]!.GetValue<string>()).Should().BeEquivalentTo(["web-1", "web-2", "web-3"]);
        var detail = (await client.GetAsync($"/v2.1/servers/detail?reservation_id={reservation}")).Json["servers"]!.AsArray();
        detail.Should().HaveCount(3);

        using var admin = NovaClient.For(fixture.Host, $"admin:{project}");
        var adminView = (await admin.GetAsync($"/v2.1/servers/detail?reservation_id={reservation}", "2.3")).Json["servers"]!.AsArray();
        adminView.Should().OnlyContain(s => s!["OS-EXT-SRV-ATTR:reservation_id"]!.GetValue<string>() == reservation);
        adminView.Select(s => (s!["name"]!.GetValue<string>(), s["OS-EXT-SRV-ATTR:launch_index"]!.GetValue<int>()))
            .Should().BeEquivalentTo([("web-1", 0), ("web-2", 1), ("web-3", 2)]);
        adminView.Select(s => s!["OS-EXT-SRV-ATTR:hostname"]!.GetValue<string>()).Should().BeEquivalentTo(["web-1", "web-2", "web-3"]);
        (await admin.GetAsync($"/v2.1/servers/detail?reservation_id={reservation}")).Json["servers"]![0]!.AsObject()
            .ContainsKey("OS-EXT-SRV-ATTR:reservation_id").Should().BeFalse("reservation_id is shown from 2.3");
    }

    private static Task<System.Text.Json.Nodes.JsonArray> MembersAsync(NovaClient client, string path, int count) =>
        Eventually.Until(async () => (await client.GetAsync(path)).Json["servers"]!.AsArray(), list => list.Count >= count);

    [Fact]
    public async Task Without_return_reservation_id_the_answer_is_the_first_member()
    {
        using var client = fixture.NewProject(out var project);
        var response = await client.PostAsync("/v2.1/servers", CreateTestBodies.Server("first", ", \"max_count\": 2"));
        response.Status.Should().Be(HttpStatusCode.Accepted, response.Body);
        var id = response.Json["server"]!["id"]!.GetValue<string>();
        response.Header("Location").Should().EndWith($"/v2.1/servers/{id}");
        response.Json["server"]!["adminPass"].Should().NotBeNull();
        var server = await CreateTestBodies.AdminWaitAsync(fixture, project, id, "ACTIVE");
        server["name"]!.GetValue<string>().Should().Be("first-1");
        server["OS-EXT-SRV-ATTR:launch_index"]!.GetValue<int>().Should().Be(0);
    }

    [Fact]
    public async Task Quota_grants_as_many_as_fit_between_min_and_max_in_one_step()
    {
        using var client = fixture.NewProject(out var project);
        await CreateTestBodies.SetQuotaAsync(fixture, project, "\"instances\": 3");
        var refused = await client.PostAsync("/v2.1/servers", CreateTestBodies.Server("big", ", \"min_count\": 4, \"max_count\": 5"));
        refused.Status.Should().Be(HttpStatusCode.Forbidden);
        refused.Json["forbidden"]!["message"]!.GetValue<string>().Should().Be("Quota exceeded for instances: Requested 4-5, but already used 0 of 3 instances");
        (await CreateTestBodies.AbsoluteLimitsAsync(client))["totalInstancesUsed"]!.GetValue<int>().Should().Be(0, "nothing is created when min does not fit");
        (await client.GetAsync("/v2.1/servers")).Json["servers"]!.AsArray().Should().BeEmpty();

        var partial = await client.PostAsync("/v2.1/servers", CreateTestBodies.Server("part", ", \"min_count\": 2, \"max_count\": 5, \"return_reservation_id\": true"));
        partial.Status.Should().Be(HttpStatusCode.Accepted, partial.Body);
        var reservation = partial.Json["reservation_id"]!.GetValue<string>();
        var members = await MembersAsync(client, $"/v2.1/servers?reservation_id={reservation}", 3);
        members.Select(s => s!["name"]!.GetValue<string>()).Should().BeEquivalentTo(["part-1", "part-2", "part-3"]);
        (await CreateTestBodies.AbsoluteLimitsAsync(client))["totalInstancesUsed"]!.GetValue<int>().Should().Be(3);
    }

    [Fact]
    public async Task A_reservation_granted_a_single_server_names_it_without_a_suffix()
    {
        using var client = fixture.NewProject(out var project);
        await CreateTestBodies.SetQuotaAsync(fixture, project, "\"instances\": 1");
        var response = await client.PostAsync("/v2.1/servers", CreateTestBodies.Server("solo", ", \"min_count\": 1, \"max_count\": 4"));
        response.Status.Should().Be(HttpStatusCode.Accepted, response.Body);
        var server = await CreateTestBodies.AdminWaitAsync(fixture, project, response.Json["server"]!["id"]!.GetValue<string>(), "ACTIVE");
        server["name"]!.GetValue<string>().Should().Be("solo");
    }

    [Fact]
    public async Task A_build_failure_fails_only_its_member()
    {
        using var client = fixture.NewProject(out var project);
        var response = await client.PostAsync("/v2.1/servers", CreateTestBodies.Server("boom", ", \"max_count\": 3, \"return_reservation_id\": true"));
        var reservation = response.Json["reservation_id"]!.GetValue<string>();
        var members = await Eventually.Until(
            async () => (await client.GetAsync($"/v2.1/servers/detail?reservation_id={reservation}")).Json["servers"]!.AsArray(),
            list => list.Count == 3 && list.All(s => s!["status"]!.GetValue<string>() is "ACTIVE" or "ERROR"));
        var byName = members.ToDictionary(s => s!["name"]!.GetValue<string>(), s => s!["status"]!.GetValue<string>());
        byName.Should().BeEquivalentTo(new Dictionary<string, string> { ["boom-1"] = "ACTIVE", ["boom-2"] = "ERROR", ["boom-3"] = "ACTIVE" });
        _ = project;
    }

    [Fact]
    public async Task Scheduling_is_all_or_nothing_for_the_batch()
    {
        using var client = fixture.NewProject(out var project);
        var group = (await client.PostAsync("/v2.1/os-server-groups", """{"server_group": {"name": "spread", "policies": ["anti-affinity"]}}""")).Json["server_group"]!["id"]!.GetValue<string>();
        var response = await client.PostAsync("/v2.1/servers", CreateTestBodies.Server("spread", ", \"max_count\": 4, \"return_reservation_id\": true", $$"""{"group": "{{group}}"}"""));
        response.Status.Should().Be(HttpStatusCode.Accepted, response.Body);
        var reservation = response.Json["reservation_id"]!.GetValue<string>();
        var members = await MembersAsync(client, $"/v2.1/servers/detail?reservation_id={reservation}", 4);
        members.Should().OnlyContain(s => s!["status"]!.GetValue<string>() == "ERROR" && s["fault"]!["message"]!.GetValue<string>().StartsWith("No valid host was found.", StringComparison.Ordinal));
        (await client.GetAsync($"/v2.1/os-server-groups/{group}")).Json["server_group"]!["members"]!.AsArray().Should().BeEmpty("no member was placed");

        var fits = await client.PostAsync("/v2.1/servers", CreateTestBodies.Server("spread-ok", ", \"max_count\": 3, \"return_reservation_id\": true", $$"""{"group": "{{group}}"}"""));
        var placed = await Eventually.Until(
            async () => await CreateTestBodies.ServersAsync(fixture, project, "spread-ok"),
            list => list.Count == 3 && list.All(s => s["status"]!.GetValue<string>() == "ACTIVE"));
        placed.Select(s => s["OS-EXT-SRV-ATTR:host"]!.GetValue<string>()).Distinct().Should().HaveCount(3);
        _ = fits;
    }
}

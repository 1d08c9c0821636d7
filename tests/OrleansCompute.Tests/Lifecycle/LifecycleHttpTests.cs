using System.Net;
using OrleansCompute.Tests.Http;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Lifecycle;

/// <summary>Lifecycle behaviour over HTTP: conflicts, the action log, DELETED as Nova shows it, action responses.</summary>
[Collection(LifecycleHostCollection.Name)]
public sealed class LifecycleHttpTests(LifecycleHostFixture host)
{
    private NovaClient Demo => host.Demo;

    private async Task<string> ActiveAsync(string name = "vm", string? extra = null)
    {
        var id = await Demo.CreateServerAsync(name, extra);
        await Demo.WaitForStatusAsync(id, "ACTIVE");
        return id;
    }

    [Fact]
    public async Task Two_conflicting_requests_at_once_one_is_accepted_and_the_other_is_409()
    {
        for (var round = 0; round < 5; round++)
        {
            var id = await ActiveAsync("race");
            var pause = Demo.PostAsync($"/v2.1/servers/{id}/action", """{"pause": null}""");
            var stop = Demo.PostAsync($"/v2.1/servers/{id}/action", """{"os-stop": null}""");
            var answers = await Task.WhenAll(pause, stop);
            answers.Count(a => a.Status == HttpStatusCode.Accepted).Should().Be(1, string.Join(" | ", answers.Select(a => a.ToString())));
            var refused = answers.Single(a => a.Status != HttpStatusCode.Accepted);
            refused.Status.Should().Be(HttpStatusCode.Conflict);
            refused.Json["conflictingRequest"]!["message"]!.GetValue<string>().Should().MatchRegex($"^Cannot '(pause|stop)' instance {id} while it is in task_state (pausing|powering-off)$");
            var winner = answers[0].Status == HttpStatusCode.Accepted ? "PAUSED" : "SHUTOFF";
            await Demo.WaitForStatusAsync(id, winner);
        }
    }

    [Fact]
    public async Task The_action_log_lists_each_action_with_its_request_id_user_and_events()
    {
        var id = await ActiveAsync("logged");
        var stop = await Demo.PostAsync($"/v2.1/servers/{id}/action", """{"os-stop": null}""");
        await Demo.WaitForStatusAsync(id, "SHUTOFF");
        var start = await Demo.PostAsync($"/v2.1/servers/{id}/action", """{"os-start": null}""");
        await Demo.WaitForStatusAsync(id, "ACTIVE");

        var list = await Demo.GetAsync($"/v2.1/servers/{id}/os-instance-actions");
        list.Status.Should().Be(HttpStatusCode.OK);
        var actions = list.Json["instanceActions"]!.AsArray();
        actions.Select(a => a!["action"]!.GetValue<string>()).Should().Equal("start", "stop", "create");
        actions[0]!["request_id"]!.GetValue<string>().Should().Be(start.Header("x-openstack-request-id"));
        actions[1]!["request_id"]!.GetValue<string>().Should().Be(stop.Header("x-openstack-request-id"));
        actions[1]!["user_id"]!.GetValue<string>().Should().Be("demo");
        actions[1]!["project_id"]!.GetValue<string>().Should().Be("demo");
        actions[1]!["instance_uuid"]!.GetValue<string>().Should().Be(id);
        actions[1]!["message"].Should().BeNull();
        actions[1]!["start_time"]!.GetValue<string>().Should().MatchRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$");
        actions[1]!.AsObject().Should().NotContainKey("updated_at");

        // Below 2.51 only admins see events; tracebacks only ever for admins.
        var requestId = stop.Header("x-openstack-request-id");
        var mine = await Demo.GetAsync($"/v2.1/servers/{id}/os-instance-actions/{requestId}");
        mine.Json["instanceAction"]!.AsObject().Should().NotContainKey("events");
        var admin = await host.Admin.GetAsync($"/v2.1/servers/{id}/os-instance-actions/{requestId}");
        var stopEvent = admin.Json["instanceAction"]!["events"]!.AsArray().Single()!;
        stopEvent["event"]!.GetValue<string>().Should().Be("compute_stop_instance");
        stopEvent["result"]!.GetValue<string>().Should().Be("Success");
        stopEvent["finish_time"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        stopEvent.AsObject().Should().ContainKey("traceback");

        var unknown = await Demo.GetAsync($"/v2.1/servers/{id}/os-instance-actions/req-nope");
        unknown.Status.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_deleted_server_is_404_and_shows_DELETED_in_a_changes_since_listing_and_its_log_from_2_21()
    {
        var since = DateTimeOffset.UtcNow.AddSeconds(-5).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        var id = await ActiveAsync("doomed");
        (await Demo.PostAsync($"/v2.1/servers/{id}/action", """{"forceDelete": null}""")).Status.Should().Be(HttpStatusCode.Accepted);
        await Eventually.Until(() => Demo.GetAsync($"/v2.1/servers/{id}"), r => r.Status == HttpStatusCode.NotFound);

        // Nova: show of a deleted row is 404; the row comes back, as DELETED, in changes-since listings.
        var listed = await Demo.GetAsync($"/v2.1/servers/detail?changes-since={since}");
        var server = listed.Json["servers"]!.AsArray().Single(s => s!["id"]!.GetValue<string>() == id)!;
        server["status"]!.GetValue<string>().Should().Be("DELETED");
        server["OS-EXT-STS:vm_state"]!.GetValue<string>().Should().Be("deleted");
        server["OS-SRV-USG:terminated_at"]!.GetValue<string>().Should().NotBeNullOrEmpty();

        (await Demo.GetAsync($"/v2.1/servers/{id}/os-instance-actions", "2.20")).Status.Should().Be(HttpStatusCode.NotFound);
        var log = await Demo.GetAsync($"/v2.1/servers/{id}/os-instance-actions", "2.21");
        log.Json["instanceActions"]!.AsArray().Select(a => a!["action"]!.GetValue<string>()).Should().Equal("delete", "create");
    }

    [Fact]
    public async Task A_locked_server_refuses_delete_and_actions_for_its_owner_but_not_for_an_admin()
    {
        var id = await ActiveAsync("locked");
        (await Demo.PostAsync($"/v2.1/servers/{id}/action", """{"lock": null}""")).Status.Should().Be(HttpStatusCode.Accepted);
        var delete = await Demo.DeleteAsync($"/v2.1/servers/{id}");
        delete.Status.Should().Be(HttpStatusCode.Conflict);
        delete.Json["conflictingRequest"]!["message"]!.GetValue<string>().Should().Be($"Instance {id} is locked");
        (await Demo.PostAsync($"/v2.1/servers/{id}/action", """{"pause": null}""")).Status.Should().Be(HttpStatusCode.Conflict);
        // createImage does not check the lock.
        (await Demo.PostAsync($"/v2.1/servers/{id}/action", """{"createImage": {"name": "while-locked"}}""")).Status.Should().Be(HttpStatusCode.Accepted);
        (await Demo.GetAsync($"/v2.1/servers/{id}", "2.9")).Json["server"]!["locked"]!.GetValue<bool>().Should().BeTrue();
        await Eventually.Until(() => Demo.GetAsync($"/v2.1/servers/{id}"), r => r.Json["server"]!["OS-EXT-STS:task_state"] is null);
        (await host.Admin.DeleteAsync($"/v2.1/servers/{id}")).Status.Should().Be(HttpStatusCode.NoContent);
        await Demo.WaitForStatusAsync(id, "SOFT_DELETED");
    }

    [Fact]
    public async Task Action_bodies_are_validated_as_Nova_validates_them()
    {
        var id = await ActiveAsync("strict");
        async Task<NovaResponse> Post(string body, string? version = null) => await Demo.PostAsync($"/v2.1/servers/{id}/action", body, version);

        (await Post("""{"pause": null, "unpause": null}""")).Json["badRequest"]!["message"]!.GetValue<string>().Should().Be("Malformed request body");
        (await Post("""{"fly": null}""")).Json["badRequest"]!["message"]!.GetValue<string>().Should().Be("There is no such action: fly");
        (await Post("""{"reboot": {"type": "SoFt"}}""")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await Post("""{"reboot": {}}""")).Json["badRequest"]!["message"]!.GetValue<string>().Should().Be("'type' is a required property");
        (await Post("""{"trigger_crash_dump": null}""", "2.16")).Status.Should().Be(HttpStatusCode.NotFound);
        (await Post("""{"trigger_crash_dump": {}}""", "2.17")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await Post("""{"rebuild": {"imageRef": "70a599e0-31e7-49b7-b260-868f441e862b", "description": "d"}}""", "2.18")).Json["badRequest"]!["message"]!.GetValue<string>()
            .Should().Be("Additional properties are not allowed ('description' was unexpected)");
        (await Post("""{"resize": {"flavorRef": "no-such-flavor"}}""")).Json["badRequest"]!["message"]!.GetValue<string>().Should().Be("Unable to locate requested flavor.");
        (await Post("""{"resize": {"flavorRef": "1"}}""")).Json["badRequest"]!["message"]!.GetValue<string>().Should().Be("When resizing, instances must change flavor!");
        (await Post("""{"os-resetState": {"state": "active"}}""")).Status.Should().Be(HttpStatusCode.Forbidden);
        (await Post("""{"shelveOffload": null}""")).Json["forbidden"]!["message"]!.GetValue<string>().Should().Be("Policy doesn't allow os_compute_api:os-shelve:shelve_offload to be performed.");
        (await Post("""{"addFloatingIp": {"address": "1.2.3.4"}}""", "2.44")).Status.Should().Be(HttpStatusCode.NotFound);
        (await Demo.PostAsync($"/v2.1/servers/{Guid.NewGuid()}/action", """{"pause": null}""")).Status.Should().Be(HttpStatusCode.NotFound);
        (await host.Admin.GetAsync($"/v2.1/servers/{id}")).Json["server"]!["status"]!.GetValue<string>().Should().Be("ACTIVE");
    }

    [Fact]
    public async Task Rebuild_answers_with_the_server_and_a_password_and_rescue_with_the_password()
    {
        var id = await ActiveAsync("rebuilt");
        var rebuild = await Demo.PostAsync($"/v2.1/servers/{id}/action", """{"rebuild": {"imageRef": "70a599e0-31e7-49b7-b260-868f441e862b", "name": "new-name", "adminPass": "p4ss", "metadata": {"a": "b"}}}""");
        rebuild.Status.Should().Be(HttpStatusCode.Accepted);
        rebuild.Headers.Location!.ToString().Should().EndWith($"/v2.1/servers/{id}");
        var view = rebuild.Json["server"]!.AsObject();
        view["adminPass"]!.GetValue<string>().Should().Be("p4ss");
        view["name"]!.GetValue<string>().Should().Be("new-name");
        view["status"]!.GetValue<string>().Should().Be("REBUILD");
        view["metadata"]!["a"]!.GetValue<string>().Should().Be("b");
        view.Should().NotContainKey("OS-EXT-STS:vm_state").And.NotContainKey("OS-EXT-AZ:availability_zone");
        await Demo.WaitForStatusAsync(id, "ACTIVE");

        var rescue = await Demo.PostAsync($"/v2.1/servers/{id}/action", """{"rescue": null}""");
        rescue.Status.Should().Be(HttpStatusCode.OK);
        rescue.Json["adminPass"]!.GetValue<string>().Should().HaveLength(12);
        await Demo.WaitForStatusAsync(id, "RESCUE");
    }

    [Fact]
    public async Task CreateImage_adds_an_image_with_a_Location_below_2_45_and_the_id_in_the_body_from_2_45()
    {
        var id = await ActiveAsync("imaged");
        var old = await Demo.PostAsync($"/v2.1/servers/{id}/action", """{"createImage": {"name": "snap-1", "metadata": {"k": "v"}}}""", "2.44");
        old.Status.Should().Be(HttpStatusCode.Accepted);
        var location = old.Headers.Location!.ToString();
        location.Should().Contain("/v2.1/images/");
        var imageId = location.Split('/')[^1];
        await Eventually.Until(() => Demo.GetAsync($"/v2.1/images/{imageId}"), r => r.Status == HttpStatusCode.OK && r.Json["image"]!["status"]!.GetValue<string>() == "ACTIVE");

        var later = await Demo.PostAsync($"/v2.1/servers/{id}/action", """{"createImage": {"name": "snap-2"}}""", "2.45");
        later.Status.Should().Be(HttpStatusCode.Accepted);
        later.Headers.Location.Should().BeNull();
        Guid.TryParse(later.Json["image_id"]!.GetValue<string>(), out _).Should().BeTrue();
    }
}

using System.Net;
using System.Text.Json.Nodes;
using OrleansCompute.Tests.Http;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Operator;

/// <summary>
/// Migration records as resize, cold migration and live migration write them, read through <c>/os-migrations</c>
/// (filters, paging and fields per microversion) and <c>/servers/{id}/migrations</c> (force_complete, abort).
/// A host of its own: the driver's metadata hooks make one live migration last until it is aborted.
/// </summary>
public sealed class MigrationTests : OwnHost
{
    protected override string[] ExtraArguments => ["--Compute:FakeDriver:MetadataHooks=true"];

    [Fact]
    public async Task Resize_migrate_and_live_migrate_are_recorded_and_a_running_live_migration_can_be_aborted()
    {
        using var admin = NovaClient.For(Host, "admin:admin");
        var resized = await admin.CreateServerAsync("resized");
        await admin.WaitForStatusAsync(resized, "ACTIVE");
        await Act(admin, resized, """{"resize": {"flavorRef": "2"}}""");
        await admin.WaitForStatusAsync(resized, "VERIFY_RESIZE");
        var resize = await Single(admin, resized, "2.23");
        resize["migration_type"]!.GetValue<string>().Should().Be("resize");
        resize["status"]!.GetValue<string>().Should().Be("finished");
        resize["old_instance_type_id"]!.GetValue<int>().Should().Be(1);
        resize["new_instance_type_id"]!.GetValue<int>().Should().Be(2);
        var resizeHost = resize["source_compute"]!.GetValue<string>();
        resize["dest_compute"]!.GetValue<string>().Should().Be(resizeHost, "the simulated cloud resizes in place");
        resize.AsObject().ContainsKey("uuid").Should().BeFalse("uuid comes at 2.59");
        await Act(admin, resized, """{"confirmResize": null}""");
        await admin.WaitForStatusAsync(resized, "ACTIVE");
        (await Single(admin, resized, "2.59"))["status"]!.GetValue<string>().Should().Be("confirmed");

        var migrated = await admin.CreateServerAsync("migrated");
        var source = (await admin.WaitForStatusAsync(migrated, "ACTIVE"))["OS-EXT-SRV-ATTR:host"]!.GetValue<string>();
        await Act(admin, migrated, """{"migrate": null}""");
        await admin.WaitForStatusAsync(migrated, "VERIFY_RESIZE");
        var cold = await Single(admin, migrated, "2.80");
        cold["migration_type"]!.GetValue<string>().Should().Be("migration");
        cold["source_compute"]!.GetValue<string>().Should().Be(source);
        cold["dest_compute"]!.GetValue<string>().Should().NotBe(source);
        cold["project_id"]!.GetValue<string>().Should().NotBeNullOrEmpty("user_id and project_id from 2.80");
        await Act(admin, migrated, """{"revertResize": null}""");
        await admin.WaitForStatusAsync(migrated, "ACTIVE");
        (await Single(admin, migrated, "2.59"))["status"]!.GetValue<string>().Should().Be("reverted");

        // A live migration that lasts ten minutes: running, shown per server, then aborted.
        var slow = await admin.CreateServerAsync("slow", """, "metadata": {"fake-driver:seconds:LiveMigrate": "600"}""");
        var slowHost = (await admin.WaitForStatusAsync(slow, "ACTIVE"))["OS-EXT-SRV-ATTR:host"]!.GetValue<string>();
        await Act(admin, slow, """{"os-migrateLive": {"host": null, "block_migration": "auto"}}""", "2.25");
        await admin.WaitForStatusAsync(slow, "MIGRATING");
        var running = (await admin.GetAsync($"/v2.1/servers/{slow}/migrations", "2.24")).Json["migrations"]!.AsArray().Single()!;
        running["status"]!.GetValue<string>().Should().Be("running");
        running["server_uuid"]!.GetValue<string>().Should().Be(slow);
        var id = running["id"]!.GetValue<int>();
        (await admin.GetAsync($"/v2.1/servers/{slow}/migrations/{id}", "2.24")).Json["migration"]!["id"]!.GetValue<int>().Should().Be(id);
        var listed = await Single(admin, slow, "2.23");
        listed["links"]!.AsArray().Should().HaveCount(2, "an in-progress live migration links to its server migration");
        (await admin.GetAsync($"/v2.1/servers/{slow}/migrations", "2.22")).Status.Should().Be(HttpStatusCode.NotFound, "the list comes at 2.23");
        (await admin.PostAsync($"/v2.1/servers/{slow}/migrations/{id}/action", """{"force_complete": 1}""", "2.22")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await admin.SendAsync(HttpMethod.Delete, $"/v2.1/servers/{slow}/migrations/{id}", version: "2.24")).Status.Should().Be(HttpStatusCode.Accepted);
        var aborted = await admin.WaitForStatusAsync(slow, "ACTIVE");
        aborted["OS-EXT-SRV-ATTR:host"]!.GetValue<string>().Should().Be(slowHost, "an aborted live migration leaves the server where it was");
        (await Single(admin, slow, "2.59"))["status"]!.GetValue<string>().Should().Be("cancelled");
        (await admin.GetAsync($"/v2.1/servers/{slow}/migrations", "2.24")).Json["migrations"]!.AsArray().Should().BeEmpty();
        var again = await admin.SendAsync(HttpMethod.Delete, $"/v2.1/servers/{slow}/migrations/{id}", version: "2.24");
        again.Status.Should().Be(HttpStatusCode.BadRequest, again.Body);
        (await admin.GetAsync($"/v2.1/servers/{slow}/migrations/{id}", "2.24")).Status.Should().Be(HttpStatusCode.NotFound);

        // The same ten-minute live migration again, forced: the simulated move converges at its next step.
        await Act(admin, slow, """{"os-migrateLive": {"host": null, "block_migration": "auto"}}""", "2.25");
        await admin.WaitForStatusAsync(slow, "MIGRATING");
        var second = (await admin.GetAsync($"/v2.1/servers/{slow}/migrations", "2.24")).Json["migrations"]!.AsArray().Single()!["id"]!.GetValue<int>();
        (await admin.PostAsync($"/v2.1/servers/{slow}/migrations/{second}/action", """{"force_complete": null}""", "2.22")).Status.Should().Be(HttpStatusCode.Accepted);
        var forced = await admin.WaitForStatusAsync(slow, "ACTIVE");
        forced["OS-EXT-SRV-ATTR:host"]!.GetValue<string>().Should().NotBe(slowHost, "a forced live migration completes, long before its ten minutes");
        var forcedRecord = await Eventually.Until(
            async () => (await admin.GetAsync($"/v2.1/os-migrations?instance_uuid={slow}&migration_type=live-migration", "2.59")).Json["migrations"]!.AsArray(),
            m => m.Any(r => r!["status"]!.GetValue<string>() == "completed"),
            because: "the forced live migration's record should complete");
        forcedRecord.Should().HaveCount(2, "the aborted one and the forced one");

        // A quick live migration completes on another host.
        await Act(admin, migrated, """{"os-migrateLive": {"host": null, "block_migration": "auto"}}""", "2.25");
        var live = await Eventually.Until(
            async () => await Single(admin, migrated, "2.59", "&migration_type=live-migration"),
            m => m["status"]!.GetValue<string>() == "completed",
            because: "the live migration should complete");
        live["dest_compute"]!.GetValue<string>().Should().NotBe(source);

        // Paging and the query schema of 2.59, 2.66 and 2.80.
        var page = (await admin.GetAsync("/v2.1/os-migrations?limit=2", "2.59")).Json;
        page["migrations"]!.AsArray().Should().HaveCount(2);
        var next = page["migrations_links"]![0]!["href"]!.GetValue<string>();
        var marker = page["migrations"]![1]!["uuid"]!.GetValue<string>();
        next.Should().Contain("marker=" + marker);
        var rest = (await admin.GetAsync($"/v2.1/os-migrations?marker={marker}", "2.59")).Json["migrations"]!.AsArray();
        rest.Should().HaveCount(3, "five migrations in all, newest first");
        rest.Select(m => m!["uuid"]!.GetValue<string>()).Should().NotContain(marker);
        (await admin.GetAsync($"/v2.1/os-migrations?marker={Guid.NewGuid()}", "2.59")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await admin.GetAsync("/v2.1/os-migrations?bogus=1", "2.59")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await admin.GetAsync("/v2.1/os-migrations?bogus=1", "2.58")).Status.Should().Be(HttpStatusCode.OK, "lenient before 2.59");
        (await admin.GetAsync("/v2.1/os-migrations?user_id=x", "2.79")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await admin.GetAsync("/v2.1/os-migrations?changes-since=2030-01-02T00:00:00Z&changes-before=2030-01-01T00:00:00Z", "2.66")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await admin.GetAsync("/v2.1/os-migrations?changes-since=2999-01-01T00:00:00Z", "2.59")).Json["migrations"]!.AsArray().Should().BeEmpty();
        (await admin.GetAsync($"/v2.1/os-migrations?host={resizeHost}&migration_type=resize", "2.59")).Json["migrations"]!.AsArray()
            .Should().ContainSingle().Which!["instance_uuid"]!.GetValue<string>().Should().Be(resized);

        using var member = NovaClient.For(Host, "demo:demo");
        (await member.GetAsync("/v2.1/os-migrations")).Status.Should().Be(HttpStatusCode.Forbidden);
    }

    private static async Task Act(NovaClient client, string server, string body, string? version = null)
    {
        var response = await client.PostAsync($"/v2.1/servers/{server}/action", body, version);
        ((int)response.Status).Should().BeOneOf([202, 204], response.Body);
    }

    private static async Task<JsonNode> Single(NovaClient client, string server, string version, string extra = "")
    {
        var response = await client.GetAsync($"/v2.1/os-migrations?instance_uuid={server}{extra}", version);
        response.Status.Should().Be(HttpStatusCode.OK, response.Body);
        return response.Json["migrations"]!.AsArray().Single()!;
    }
}

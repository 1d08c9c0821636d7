using System.Net;
using System.Text.Json.Nodes;
using OrleansCompute.Tests.Identity;

namespace OrleansCompute.Tests.Volumes;

/// <summary>
/// The block storage service (Cinder v3 subset) over HTTP on the real host in its default mode, as the catalog
/// names it: versions, volumes, snapshots, attachments, quotas and the default policy.
/// </summary>
[Collection(IdentityHostCollection.Name)]
public sealed class BlockStorageApiTests(IdentityHostFixture fixture)
{
    private async Task<CinderClient> ClientAsync(string user) =>
        new(fixture.Host.CreateClient(await fixture.TokenAsync(user)), await fixture.ProjectIdAsync(user));

    [Fact]
    public async Task The_catalog_names_the_service_under_both_types_and_the_version_documents_answer()
    {
        using var http = new HttpClient { BaseAddress = fixture.Host.BaseAddress };
        using var response = await http.PostAsync("/identity/v3/auth/tokens", IdentityHostFixture.PasswordAuth("demo", fixture.Passwords["demo"]));
        var catalog = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["token"]!["catalog"]!.AsArray();
        var project = await fixture.ProjectIdAsync("demo");
        foreach (var type in new[] { "block-storage", "volumev3" })
        {
            catalog.Single(s => s!["type"]!.GetValue<string>() == type)!["endpoints"]![0]!["url"]!.GetValue<string>()
                .Should().Be($"{fixture.Host.BaseAddress}volume/v3/{project}");
        }

        using var root = await http.GetAsync("/volume");
        root.StatusCode.Should().Be(HttpStatusCode.MultipleChoices);
        var version = JsonNode.Parse(await root.Content.ReadAsStringAsync())!["versions"]![0]!;
        version["version"]!.GetValue<string>().Should().Be("3.70");
        version["min_version"]!.GetValue<string>().Should().Be("3.0");
        (await http.GetAsync("/volume/v3/")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await http.GetAsync($"/volume/v3/{project}/volumes")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Microversions_are_negotiated_and_a_foreign_project_segment_is_refused()
    {
        using var demo = await ClientAsync("demo");
        var plain = await demo.GetAsync("/volumes", version: null);
        plain.Status.Should().Be(HttpStatusCode.OK);
        plain.Version.Should().Be("volume 3.0");
        (await demo.GetAsync("/volumes", "latest")).Version.Should().Be("volume 3.70");
        var malformed = await demo.GetAsync("/volumes", "3.05");
        malformed.Status.Should().Be(HttpStatusCode.BadRequest);
        malformed.Json["badRequest"]!["code"]!.GetValue<int>().Should().Be(400);
        (await demo.GetAsync("/volumes", "3.71")).Status.Should().Be(HttpStatusCode.NotAcceptable);
        (await demo.GetAsync("/attachments", "3.26")).Status.Should().Be(HttpStatusCode.NotFound);
        (await demo.SendAsync(HttpMethod.Get, "/volumes", withProject: false)).Status.Should().Be(HttpStatusCode.OK);

        using var alt = await ClientAsync("alt_demo");
        using var foreign = new CinderClient(fixture.Host.CreateClient(await fixture.TokenAsync("demo")), alt.ProjectId);
        var refused = await foreign.GetAsync("/volumes");
        refused.Status.Should().Be(HttpStatusCode.BadRequest, refused.Body);
        refused.Json["badRequest"]!["message"]!.GetValue<string>().Should().Be("Malformed request url");
    }

    [Fact]
    public async Task A_volume_is_created_listed_updated_extended_and_deleted_with_its_quota()
    {
        using var demo = await ClientAsync("demo");
        var before = (await demo.GetAsync("/limits")).Json["limits"]!["absolute"]!;
        var name = "vol-" + Guid.NewGuid().ToString("N")[..8];
        var volume = await demo.CreateVolumeAsync($$$"""{"volume": {"metadata": {"k": "v"}, "size": 1, "name": "{{{name}}}"}}""");
        var id = volume["id"]!.GetValue<string>();
        volume["bootable"]!.GetValue<string>().Should().Be("false");
        volume["attachments"]!.AsArray().Should().BeEmpty();
        volume["volume_type"]!.GetValue<string>().Should().Be("__DEFAULT__");
        volume["created_at"]!.GetValue<string>().Should().MatchRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$");
        volume["os-vol-tenant-attr:tenant_id"]!.GetValue<string>().Should().Be(demo.ProjectId);
        var during = (await demo.GetAsync("/limits")).Json["limits"]!["absolute"]!;
        during["totalVolumesUsed"]!.GetValue<int>().Should().Be(before["totalVolumesUsed"]!.GetValue<int>() + 1);

        var byName = (await demo.GetAsync($"/volumes?name={name}")).Json["volumes"]!.AsArray();
        byName.Select(v => v!["id"]!.GetValue<string>()).Should().Equal(id);
        (await demo.GetAsync($"/volumes/detail?metadata={{\"k\":\"v\"}}&name={name}")).Json["volumes"]!.AsArray().Should().ContainSingle();
        (await demo.GetAsync($"/volumes/detail?metadata={{\"k\":\"x\"}}&name={name}")).Json["volumes"]!.AsArray().Should().BeEmpty();
        (await demo.GetAsync("/volumes?bogus=1")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await demo.GetAsync("/volumes?bogus=1", "3.30")).Status.Should().Be(HttpStatusCode.OK);

        var updated = await demo.SendAsync(HttpMethod.Put, $"/volumes/{id}", """{"volume": {"name": "renamed", "metadata": {"a": "b"}}}""");
        updated.Status.Should().Be(HttpStatusCode.OK, updated.Body);
        updated.Json["volume"]!["metadata"]!.ToJsonString().Should().Be("""{"a":"b"}""");

        (await demo.PostAsync($"/volumes/{id}/action", """{"os-extend": {"new_size": 1}}""")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await demo.PostAsync($"/volumes/{id}/action", """{"os-extend": {"new_size": 2}}""")).Status.Should().Be(HttpStatusCode.Accepted);
        (await Eventually(demo, id, v => v["size"]!.GetValue<int>() == 2 && v["status"]!.GetValue<string>() == "available"))["size"]!.GetValue<int>().Should().Be(2);

        await demo.DeleteAndWaitAsync("volumes", id);
        var after = (await demo.GetAsync("/limits")).Json["limits"]!["absolute"]!;
        after["totalVolumesUsed"]!.GetValue<int>().Should().Be(before["totalVolumesUsed"]!.GetValue<int>());
        after["totalGigabytesUsed"]!.GetValue<int>().Should().Be(before["totalGigabytesUsed"]!.GetValue<int>());
    }

    [Fact]
    public async Task Bad_bodies_are_Cinder_faults()
    {
        using var demo = await ClientAsync("demo");
        (await demo.PostAsync("/volumes", """{"volume": {"size": 0}}""")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await demo.PostAsync("/volumes", """{"volume": {"size": "x"}}""")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await demo.PostAsync("/volumes", """{"volume": {"size": 1, "color": "red"}}""")).Status.Should().Be(HttpStatusCode.BadRequest);
        var lenient = await demo.PostAsync("/volumes", """{"volume": {"size": 1, "color": "red"}}""", "3.52");
        lenient.Status.Should().Be(HttpStatusCode.Accepted, "below 3.53 unknown keys are ignored");
        var lenientId = lenient.Json["volume"]!["id"]!.GetValue<string>();
        await demo.WaitForAsync("volumes", lenientId, "available");
        await demo.DeleteAndWaitAsync("volumes", lenientId);
        (await demo.PostAsync("/volumes", """{"volume": {"size": 1, "volume_type": "gold"}}""")).Status.Should().Be(HttpStatusCode.NotFound);
        (await demo.PostAsync("/volumes", """{"volume": {"size": 1, "multiattach": true}}""")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await demo.PostAsync("/volumes", """{"volume": {"snapshot_id": "not-a-uuid"}}""")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await demo.PostAsync("/volumes", "[]")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await demo.GetAsync("/volumes/nope")).Json["itemNotFound"]!["message"]!.GetValue<string>().Should().Be("Volume nope could not be found.");
        (await demo.GetAsync($"/volumes/{Guid.NewGuid()}")).Status.Should().Be(HttpStatusCode.NotFound);
        (await demo.PostAsync($"/volumes/{Guid.NewGuid()}/action", """{"os-frobnicate": {}}""")).Status.Should().Be(HttpStatusCode.BadRequest, "an unknown action is refused before any look-up");
        (await demo.PostAsync($"/volumes/{Guid.NewGuid()}/action", """{"os-extend": {"new_size": 2}}""")).Status.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Snapshots_block_the_volume_delete_and_seed_new_volumes()
    {
        using var demo = await ClientAsync("demo");
        var volume = await demo.CreateVolumeAsync("""{"volume": {"size": 2, "name": "snap-source"}}""");
        var volumeId = volume["id"]!.GetValue<string>();
        var created = await demo.PostAsync("/snapshots", $$$"""{"snapshot": {"volume_id": "{{{volumeId}}}", "name": "s1"}}""");
        created.Status.Should().Be(HttpStatusCode.Accepted, created.Body);
        var snapshotId = created.Json["snapshot"]!["id"]!.GetValue<string>();
        var snapshot = await demo.WaitForAsync("snapshots", snapshotId, "available");
        snapshot["size"]!.GetValue<int>().Should().Be(2);
        snapshot["os-extended-snapshot-attributes:progress"]!.GetValue<string>().Should().Be("100%");
        (await demo.GetAsync($"/snapshots?volume_id={volumeId}")).Json["snapshots"]!.AsArray().Should().ContainSingle();

        var refused = await demo.SendAsync(HttpMethod.Delete, $"/volumes/{volumeId}");
        refused.Status.Should().Be(HttpStatusCode.BadRequest, "a volume with snapshots cannot be deleted");

        (await demo.PostAsync("/volumes", $$$"""{"volume": {"size": 1, "snapshot_id": "{{{snapshotId}}}"}}""")).Status.Should().Be(HttpStatusCode.BadRequest, "smaller than the snapshot");
        var copy = await demo.CreateVolumeAsync($$$"""{"volume": {"snapshot_id": "{{{snapshotId}}}"}}""");
        copy["size"]!.GetValue<int>().Should().Be(2);
        copy["snapshot_id"]!.GetValue<string>().Should().Be(snapshotId);
        var clone = await demo.CreateVolumeAsync($$$"""{"volume": {"source_volid": "{{{volumeId}}}"}}""");
        clone["source_volid"]!.GetValue<string>().Should().Be(volumeId);

        await demo.DeleteAndWaitAsync("snapshots", snapshotId);
        await demo.DeleteAndWaitAsync("volumes", volumeId);
        await demo.DeleteAndWaitAsync("volumes", copy["id"]!.GetValue<string>());
        await demo.DeleteAndWaitAsync("volumes", clone["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_attachments_API_reserves_connects_completes_and_releases_a_volume()
    {
        using var demo = await ClientAsync("demo");
        var volumeId = (await demo.CreateVolumeAsync("""{"volume": {"size": 1}}"""))["id"]!.GetValue<string>();
        var instance = Guid.NewGuid();
        var created = await demo.PostAsync("/attachments", $$$"""{"attachment": {"volume_uuid": "{{{volumeId}}}", "instance_uuid": "{{{instance}}}"}}""", "3.44");
        created.Status.Should().Be(HttpStatusCode.OK, created.Body);
        var attachment = created.Json["attachment"]!;
        attachment["status"]!.GetValue<string>().Should().Be("reserved");
        attachment["connection_info"]!.AsObject().Should().BeEmpty();
        attachment["attached_at"]!.GetValue<string>().Should().BeEmpty();
        var attachmentId = attachment["id"]!.GetValue<string>();
        (await demo.GetAsync($"/volumes/{volumeId}")).Json["volume"]!["status"]!.GetValue<string>().Should().Be("reserved");
        (await demo.PostAsync("/attachments", $$$"""{"attachment": {"volume_uuid": "{{{volumeId}}}"}}""", "3.44")).Status.Should().Be(HttpStatusCode.BadRequest, "a reserved volume cannot be reserved again");

        var connected = await demo.SendAsync(HttpMethod.Put, $"/attachments/{attachmentId}", """{"attachment": {"connector": {"host": "compute-1", "mountpoint": "/dev/vdb"}}}""", "3.44");
        connected.Status.Should().Be(HttpStatusCode.OK, connected.Body);
        connected.Json["attachment"]!["connection_info"]!["driver_volume_type"]!.GetValue<string>().Should().Be("iscsi");
        (await demo.GetAsync($"/volumes/{volumeId}")).Json["volume"]!["status"]!.GetValue<string>().Should().Be("attaching");

        (await demo.PostAsync($"/attachments/{attachmentId}/action", """{"os-complete": null}""", "3.44")).Status.Should().Be(HttpStatusCode.NoContent);
        var inUse = (await demo.GetAsync($"/volumes/{volumeId}")).Json["volume"]!;
        inUse["status"]!.GetValue<string>().Should().Be("in-use");
        var shown = inUse["attachments"]!.AsArray().Single()!;
        shown["id"]!.GetValue<string>().Should().Be(volumeId);
        shown["attachment_id"]!.GetValue<string>().Should().Be(attachmentId);
        shown["server_id"]!.GetValue<string>().Should().Be(instance.ToString());
        shown["device"]!.GetValue<string>().Should().Be("/dev/vdb");
        (await demo.GetAsync($"/attachments?instance_id={instance}", "3.44")).Json["attachments"]!.AsArray().Should().ContainSingle();
        (await demo.SendAsync(HttpMethod.Delete, $"/volumes/{volumeId}")).Status.Should().Be(HttpStatusCode.BadRequest, "an attached volume cannot be deleted");

        var deleted = await demo.SendAsync(HttpMethod.Delete, $"/attachments/{attachmentId}", version: "3.44");
        deleted.Status.Should().Be(HttpStatusCode.OK, deleted.Body);
        deleted.Json["attachments"]!.AsArray().Should().BeEmpty();
        (await demo.GetAsync($"/volumes/{volumeId}")).Json["volume"]!["status"]!.GetValue<string>().Should().Be("available");
        await demo.DeleteAndWaitAsync("volumes", volumeId);
    }

    [Fact]
    public async Task Quotas_limit_creates_with_413_and_admin_rules_hold()
    {
        using var admin = await ClientAsync("admin");
        using var reader = await ClientAsync("demo_reader");
        using var alt = await ClientAsync("alt_demo");
        (await reader.PostAsync("/volumes", """{"volume": {"size": 1}}""")).Status.Should().Be(HttpStatusCode.Forbidden);
        (await alt.SendAsync(HttpMethod.Put, $"/os-quota-sets/{alt.ProjectId}", """{"quota_set": {"volumes": 5}}""")).Status.Should().Be(HttpStatusCode.Forbidden);
        (await alt.GetAsync($"/os-quota-sets/{admin.ProjectId}")).Status.Should().Be(HttpStatusCode.Forbidden);
        (await admin.SendAsync(HttpMethod.Put, $"/os-quota-sets/{alt.ProjectId}", """{"quota_set": {"bogus": 1}}""")).Status.Should().Be(HttpStatusCode.BadRequest);

        var used = (await alt.GetAsync($"/os-quota-sets/{alt.ProjectId}?usage=true")).Json["quota_set"]!["volumes"]!["in_use"]!.GetValue<int>();
        var set = await admin.SendAsync(HttpMethod.Put, $"/os-quota-sets/{alt.ProjectId}", $$$"""{"quota_set": {"volumes": {{{used + 1}}}}}""");
        set.Status.Should().Be(HttpStatusCode.OK, set.Body);
        var volumeId = (await alt.CreateVolumeAsync("""{"volume": {"size": 1}}"""))["id"]!.GetValue<string>();
        var over = await alt.PostAsync("/volumes", """{"volume": {"size": 1}}""");
        over.Status.Should().Be(HttpStatusCode.RequestEntityTooLarge, over.Body);
        over.Json["overLimit"]!["message"]!.GetValue<string>().Should().Contain("'volumes'");
        (await alt.GetAsync("/limits")).Json["limits"]!["absolute"]!["maxTotalVolumes"]!.GetValue<int>().Should().Be(used + 1);

        (await alt.PostAsync($"/volumes/{volumeId}/action", """{"os-reset_status": {"status": "error"}}""")).Status.Should().Be(HttpStatusCode.Forbidden);
        (await admin.PostAsync($"/volumes/{volumeId}/action", """{"os-reset_status": {"status": "error"}}""")).Status.Should().Be(HttpStatusCode.Accepted);
        (await alt.GetAsync($"/volumes/{volumeId}")).Json["volume"]!["status"]!.GetValue<string>().Should().Be("error");
        await alt.DeleteAndWaitAsync("volumes", volumeId);
        (await admin.SendAsync(HttpMethod.Delete, $"/os-quota-sets/{alt.ProjectId}")).Status.Should().Be(HttpStatusCode.OK);
        (await alt.GetAsync($"/os-quota-sets/{alt.ProjectId}")).Json["quota_set"]!["volumes"]!.GetValue<int>().Should().Be(10);
    }

    private static Task<JsonNode> Eventually(CinderClient client, string id, Func<JsonNode, bool> done) =>
        Infrastructure.Eventually.Until(async () => (await client.GetAsync($"/volumes/{id}")).Json["volume"]!, done);
}

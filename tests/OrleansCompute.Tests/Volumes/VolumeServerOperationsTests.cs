using System.Net;
using System.Text.Json.Nodes;
using OrleansCompute.Tests.Http;
using OrleansCompute.Tests.Identity;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Volumes;

/// <summary>
/// What Nova does with volumes beyond attach and detach, over HTTP on the real host: the attachment PUT (2.85 update,
/// admin swap), the volume external events and assisted snapshots, the 2.93 rebuild that reimages the root volume,
/// createImage of a volume-backed server (a snapshot-backed image that boots onto a new volume), and Cinder's sort.
/// </summary>
[Collection(IdentityHostCollection.Name)]
public sealed class VolumeServerOperationsTests(IdentityHostFixture fixture)
{
    [Fact]
    public async Task An_attachment_update_changes_delete_on_termination_only_and_an_admin_swap_moves_the_mapping()
    {
        using var nova = await fixture.ClientAsync("demo");
        using var admin = await fixture.ClientAsync("admin");
        using var cinder = await CinderAsync("demo");
        var serverId = await nova.CreateServerAsync("vol-swap");
        await nova.WaitForStatusAsync(serverId, "ACTIVE");
        var oldId = await VolumeAsync(cinder, 1);
        var newId = await VolumeAsync(cinder, 1);
        var small = await VolumeAsync(cinder, 1);
        var path = $"/v2.1/servers/{serverId}/os-volume_attachments";
        (await nova.PostAsync(path, $$$"""{"volumeAttachment": {"volumeId": "{{{oldId}}}", "tag": "data"}}""", "2.79")).Status.Should().Be(HttpStatusCode.OK);

        (await Put(nova, $"{path}/{oldId}", $$$"""{"volumeAttachment": {"volumeId": "{{{oldId}}}", "delete_on_termination": true}}""", "2.85")).Status.Should().Be(HttpStatusCode.Accepted);
        (await nova.GetAsync($"{path}/{oldId}", "2.85")).Json["volumeAttachment"]!["delete_on_termination"]!.GetValue<bool>().Should().BeTrue();
        (await Put(nova, $"{path}/{oldId}", $$$"""{"volumeAttachment": {"volumeId": "{{{oldId}}}", "tag": "other"}}""", "2.85")).Body.Should().Contain("The tag property is not mutable");
        (await Put(nova, $"{path}/{oldId}", $$$"""{"volumeAttachment": {"volumeId": "{{{oldId}}}", "device": "/dev/vdz"}}""", "2.85")).Body.Should().Contain("The device property is not mutable");
        (await Put(nova, $"{path}/{oldId}", $$$"""{"volumeAttachment": {"volumeId": "{{{oldId}}}", "device": "/dev/vdb", "tag": "data"}}""", "2.85")).Status.Should().Be(HttpStatusCode.Accepted, "equal values are no change");
        (await Put(nova, $"{path}/{oldId}", $$$"""{"volumeAttachment": {"volumeId": "{{{oldId}}}", "delete_on_termination": false}}""", "2.84")).Status.Should().Be(HttpStatusCode.BadRequest, "only volumeId below 2.85");
        (await Put(nova, $"{path}/{oldId}", $$$"""{"volumeAttachment": {"volumeId": "{{{oldId}}}"}}""", "2.84")).Status.Should().Be(HttpStatusCode.Forbidden, "below 2.85 a PUT is a swap");
        (await Put(nova, $"{path}/{oldId}", $$$"""{"volumeAttachment": {"volumeId": "{{{newId}}}"}}""", "2.85")).Status.Should().Be(HttpStatusCode.Forbidden, "swap is admin only");

        (await Put(admin, $"{path}/{oldId}", $$$"""{"volumeAttachment": {"volumeId": "{{{Guid.NewGuid()}}}"}}""")).Status.Should().Be(HttpStatusCode.BadRequest, "an unknown new volume is named in the body");
        (await Put(admin, $"{path}/{small}", $$$"""{"volumeAttachment": {"volumeId": "{{{newId}}}"}}""")).Status.Should().Be(HttpStatusCode.NotFound, "from 2.85 the update of the URL's mapping comes first");
        (await Put(admin, $"{path}/{small}", $$$"""{"volumeAttachment": {"volumeId": "{{{newId}}}"}}""", "2.84")).Body.Should().Contain("Old volume is attached to a different instance.");
        var swapped = await Put(admin, $"{path}/{oldId}", $$$"""{"volumeAttachment": {"volumeId": "{{{newId}}}"}}""");
        swapped.Status.Should().Be(HttpStatusCode.Accepted, swapped.Body);

        var attachment = (await nova.GetAsync(path, "2.79")).Json["volumeAttachments"]!.AsArray().Single()!;
        attachment["volumeId"]!.GetValue<string>().Should().Be(newId);
        attachment["device"]!.GetValue<string>().Should().Be("/dev/vdb");
        attachment["tag"]!.GetValue<string>().Should().Be("data");
        attachment["delete_on_termination"]!.GetValue<bool>().Should().BeTrue();
        (await cinder.GetAsync($"/volumes/{oldId}")).Json["volume"]!["status"]!.GetValue<string>().Should().Be("available");
        (await cinder.GetAsync($"/volumes/{newId}")).Json["volume"]!["status"]!.GetValue<string>().Should().Be("in-use");
        (await ActionsAsync(nova, serverId)).Should().Contain("swap_volume");

        (await nova.PostAsync($"/v2.1/servers/{serverId}/action", """{"os-stop": null}""")).Status.Should().Be(HttpStatusCode.Accepted);
        await nova.WaitForStatusAsync(serverId, "SHUTOFF");
        (await Put(admin, $"{path}/{newId}", $$$"""{"volumeAttachment": {"volumeId": "{{{oldId}}}"}}""")).Status.Should().Be(HttpStatusCode.Conflict, "swap needs active, paused or resized");

        (await nova.DeleteAsync($"/v2.1/servers/{serverId}")).Status.Should().Be(HttpStatusCode.NoContent);
        await Eventually.Until(async () => (await cinder.GetAsync($"/volumes/{newId}")).Status, s => s == HttpStatusCode.NotFound, because: "the swapped-in volume kept delete_on_termination");
        await cinder.DeleteAndWaitAsync("volumes", oldId);
        await cinder.DeleteAndWaitAsync("volumes", small);
    }

    [Fact]
    public async Task Volume_extended_records_extend_volume_and_assisted_snapshots_need_an_attached_volume()
    {
        using var nova = await fixture.ClientAsync("demo");
        using var admin = await fixture.ClientAsync("admin");
        using var cinder = await CinderAsync("demo");
        var serverId = await nova.CreateServerAsync("vol-events");
        await nova.WaitForStatusAsync(serverId, "ACTIVE");
        var attached = await VolumeAsync(cinder, 1);
        var loose = await VolumeAsync(cinder, 1);
        (await nova.PostAsync($"/v2.1/servers/{serverId}/os-volume_attachments", $$$"""{"volumeAttachment": {"volumeId": "{{{attached}}}"}}""")).Status.Should().Be(HttpStatusCode.OK);

        var extended = await admin.PostAsync("/v2.1/os-server-external-events", $$$"""{"events": [{"name": "volume-extended", "server_uuid": "{{{serverId}}}", "tag": "{{{attached}}}"}]}""", "2.51");
        extended.Status.Should().Be(HttpStatusCode.OK, extended.Body);
        (await admin.PostAsync("/v2.1/os-server-external-events", $$$"""{"events": [{"name": "volume-extended", "server_uuid": "{{{serverId}}}", "tag": "{{{attached}}}"}]}""", "2.50")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await ActionsAsync(nova, serverId)).Should().Contain("extend_volume");
        (await nova.GetAsync($"/v2.1/servers/{serverId}")).Json["server"]!["status"]!.GetValue<string>().Should().Be("ACTIVE", "the server keeps running");

        var snapshotId = Guid.NewGuid().ToString();
        string Assisted(string volume, string type = "qcow2") =>
            $$$"""{"snapshot": {"volume_id": "{{{volume}}}", "create_info": {"snapshot_id": "{{{snapshotId}}}", "type": "{{{type}}}", "new_file": "volume.snap"} } }""";
        (await nova.PostAsync("/v2.1/os-assisted-volume-snapshots", Assisted(attached))).Status.Should().Be(HttpStatusCode.Forbidden);
        (await admin.PostAsync("/v2.1/os-assisted-volume-snapshots", Assisted(attached, "raw"))).Status.Should().Be(HttpStatusCode.BadRequest);
        (await admin.PostAsync("/v2.1/os-assisted-volume-snapshots", Assisted(loose))).Body.Should().Contain($"No volume Block Device Mapping with id {loose}");
        var created = await admin.PostAsync("/v2.1/os-assisted-volume-snapshots", Assisted(attached));
        created.Status.Should().Be(HttpStatusCode.OK, created.Body);
        created.Json["snapshot"]!["id"]!.GetValue<string>().Should().Be(snapshotId);
        created.Json["snapshot"]!["volumeId"]!.GetValue<string>().Should().Be(attached);
        (await admin.DeleteAsync($"/v2.1/os-assisted-volume-snapshots/{snapshotId}")).Status.Should().Be(HttpStatusCode.BadRequest, "delete_info is required");
        var deleteInfo = Uri.EscapeDataString($$$"""{"volume_id": "{{{attached}}}"}""");
        (await admin.DeleteAsync($"/v2.1/os-assisted-volume-snapshots/{snapshotId}?delete_info={deleteInfo}")).Status.Should().Be(HttpStatusCode.NoContent);

        (await nova.DeleteAsync($"/v2.1/servers/{serverId}")).Status.Should().Be(HttpStatusCode.NoContent);
        await Eventually.Until(async () => (await cinder.GetAsync($"/volumes/{attached}")).Json["volume"]!["status"]!.GetValue<string>(), s => s == "available");
        await cinder.DeleteAndWaitAsync("volumes", attached);
        await cinder.DeleteAndWaitAsync("volumes", loose);
    }

    [Fact]
    public async Task A_rebuild_of_a_volume_backed_server_reimages_its_root_volume_from_2_93()
    {
        using var nova = await fixture.ClientAsync("demo");
        using var cinder = await CinderAsync("demo");
        var serverId = await BootFromImageVolumeAsync(nova, "bfv-rebuild");
        var before = await RootAttachmentAsync(nova, serverId);
        var volumeId = before["volumeId"]!.GetValue<string>();
        var rebuild = $$$"""{"rebuild": {"imageRef": "{{{NovaClient.Image}}}"}}""";

        (await nova.PostAsync($"/v2.1/servers/{serverId}/action", rebuild, "2.92")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await nova.PostAsync($"/v2.1/servers/{serverId}/action", rebuild, "2.93")).Status.Should().Be(HttpStatusCode.Accepted);
        await Eventually.Until(
            async () => (await nova.GetAsync($"/v2.1/servers/{serverId}")).Json["server"]!["OS-EXT-STS:task_state"]?.GetValue<string>(),
            task => task is null,
            because: "the rebuild ends once the root volume was reimaged");
        (await nova.GetAsync($"/v2.1/servers/{serverId}")).Json["server"]!["status"]!.GetValue<string>().Should().Be("ACTIVE");
        var after = await RootAttachmentAsync(nova, serverId);
        after["volumeId"]!.GetValue<string>().Should().Be(volumeId);
        after["attachment_id"]!.GetValue<string>().Should().NotBe(before["attachment_id"]!.GetValue<string>(), "Nova reattaches the reimaged volume with a new attachment");
        var volume = (await cinder.GetAsync($"/volumes/{volumeId}")).Json["volume"]!;
        volume["status"]!.GetValue<string>().Should().Be("in-use");
        volume["volume_image_metadata"]!["image_id"]!.GetValue<string>().Should().Be(NovaClient.Image);
        volume["attachments"]!.AsArray().Should().ContainSingle();

        (await nova.DeleteAsync($"/v2.1/servers/{serverId}")).Status.Should().Be(HttpStatusCode.NoContent);
        await Eventually.Until(async () => (await cinder.GetAsync($"/volumes/{volumeId}")).Status, s => s == HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task CreateImage_of_a_volume_backed_server_makes_a_snapshot_image_that_boots_onto_a_new_volume()
    {
        using var nova = await fixture.ClientAsync("demo");
        using var cinder = await CinderAsync("demo");
        var serverId = await BootFromImageVolumeAsync(nova, "bfv-snap");
        var rootVolume = (await RootAttachmentAsync(nova, serverId))["volumeId"]!.GetValue<string>();

        var created = await nova.PostAsync($"/v2.1/servers/{serverId}/action", """{"createImage": {"name": "bfv-image"}}""", "2.45");
        created.Status.Should().Be(HttpStatusCode.Accepted, created.Body);
        var imageId = created.Json["image_id"]!.GetValue<string>();
        var image = (await nova.GetAsync($"/image/v2/images/{imageId}")).Json;
        image["status"]!.GetValue<string>().Should().Be("active");
        image["size"]!.GetValue<long>().Should().Be(0);
        image["bdm_v2"]!.GetValue<string>().Should().Be("True");
        image["root_device_name"]!.GetValue<string>().Should().Be("/dev/vda");
        var mapping = JsonNode.Parse(image["block_device_mapping"]!.GetValue<string>())!.AsArray().Single()!;
        mapping["source_type"]!.GetValue<string>().Should().Be("snapshot");
        mapping["boot_index"]!.GetValue<int>().Should().Be(0);
        var snapshotId = mapping["snapshot_id"]!.GetValue<string>();
        var snapshot = await cinder.WaitForAsync("snapshots", snapshotId, "available");
        snapshot["volume_id"]!.GetValue<string>().Should().Be(rootVolume);
        (await ActionsAsync(nova, serverId)).Should().Contain("createImage");

        var bootedId = (await nova.PostAsync("/v2.1/servers", $$$"""{"server": {"name": "from-bfv-image", "flavorRef": "1", "imageRef": "{{{imageId}}}", "networks": "none"}}""", "2.37")).Json["server"]!["id"]!.GetValue<string>();
        await nova.WaitForStatusAsync(bootedId, "ACTIVE");
        var bootedRoot = (await RootAttachmentAsync(nova, bootedId))["volumeId"]!.GetValue<string>();
        bootedRoot.Should().NotBe(rootVolume);
        (await cinder.GetAsync($"/volumes/{bootedRoot}")).Json["volume"]!["snapshot_id"]!.GetValue<string>().Should().Be(snapshotId);

        foreach (var id in new[] { bootedId, serverId })
        {
            (await nova.DeleteAsync($"/v2.1/servers/{id}")).Status.Should().Be(HttpStatusCode.NoContent);
        }

        await Eventually.Until(async () => (await cinder.GetAsync($"/volumes/{bootedRoot}")).Status, s => s == HttpStatusCode.NotFound);
        // The source root volume outlives its server while it has a snapshot (Cinder refuses the delete_on_termination delete).
        await Eventually.Until(async () => (await cinder.GetAsync($"/volumes/{rootVolume}")).Json["volume"]!["status"]!.GetValue<string>(), s => s == "available");
        await cinder.DeleteAndWaitAsync("snapshots", snapshotId);
        await cinder.DeleteAndWaitAsync("volumes", rootVolume);
    }

    [Fact]
    public async Task Volume_lists_are_sorted_as_asked_and_paged_by_marker_in_that_order()
    {
        using var cinder = await CinderAsync("alt_demo");
        var ids = new Dictionary<string, string>();
        foreach (var (name, size) in new[] { ("sort-b", 3), ("sort-a", 1), ("sort-c", 2) })
        {
            ids[name] = (await cinder.CreateVolumeAsync($$$"""{"volume": {"name": "{{{name}}}", "size": {{{size}}}, "metadata": {"sorting": "yes"} } }"""))["id"]!.GetValue<string>();
        }

        var filter = "metadata=" + Uri.EscapeDataString("""{"sorting": "yes"}""");
        async Task<string[]> NamesAsync(string query) =>
            [.. (await cinder.GetAsync($"/volumes?{filter}&{query}")).Json["volumes"]!.AsArray().Select(v => v!["name"]!.GetValue<string>())];

        (await NamesAsync("sort=name:asc")).Should().Equal("sort-a", "sort-b", "sort-c");
        (await NamesAsync("sort=name")).Should().Equal(["sort-c", "sort-b", "sort-a"], "a key without a direction is descending");
        (await NamesAsync("sort_key=size&sort_dir=desc")).Should().Equal("sort-b", "sort-c", "sort-a");
        (await NamesAsync("sort=size:asc,name:desc")).Should().Equal("sort-a", "sort-c", "sort-b");

        var first = await cinder.GetAsync($"/volumes?{filter}&sort=size:asc&limit=1");
        first.Json["volumes"]![0]!["name"]!.GetValue<string>().Should().Be("sort-a");
        var next = first.Json["volumes_links"]![0]!["href"]!.GetValue<string>();
        next.Should().Contain($"marker={ids["sort-a"]}").And.Contain("sort=size");
        (await NamesAsync($"sort=size:asc&marker={ids["sort-a"]}")).Should().Equal("sort-c", "sort-b");

        (await cinder.GetAsync("/volumes?sort=bogus:asc")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await cinder.GetAsync("/volumes?sort=name:sideways")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await cinder.GetAsync("/volumes?sort=name&sort_key=size")).Status.Should().Be(HttpStatusCode.BadRequest);
        foreach (var id in ids.Values)
        {
            await cinder.DeleteAndWaitAsync("volumes", id);
        }
    }

    private async Task<CinderClient> CinderAsync(string user) =>
        new(fixture.Host.CreateClient(await fixture.TokenAsync(user)), await fixture.ProjectIdAsync(user));

    private static async Task<string> VolumeAsync(CinderClient cinder, int size) =>
        (await cinder.CreateVolumeAsync($$$"""{"volume": {"size": {{{size}}}}}"""))["id"]!.GetValue<string>();

    private static Task<NovaResponse> Put(NovaClient client, string path, string json, string? version = "2.85") =>
        client.SendAsync(HttpMethod.Put, path, json, version);

    private static async Task<IEnumerable<string>> ActionsAsync(NovaClient nova, string serverId) =>
        (await nova.GetAsync($"/v2.1/servers/{serverId}/os-instance-actions")).Json["instanceActions"]!.AsArray().Select(a => a!["action"]!.GetValue<string>());

    /// <summary>A server booted from the image onto a new 1 GB volume that goes with it.</summary>
    private static async Task<string> BootFromImageVolumeAsync(NovaClient nova, string name)
    {
        var body = $$$"""{"server": {"name": "{{{name}}}", "flavorRef": "1", "networks": "none", "block_device_mapping_v2": [{"boot_index": 0, "uuid": "{{{NovaClient.Image}}}", "source_type": "image", "destination_type": "volume", "volume_size": 1, "delete_on_termination": true}]}}""";
        var created = await nova.PostAsync("/v2.1/servers", body, "2.37");
        created.Status.Should().Be(HttpStatusCode.Accepted, created.Body);
        var id = created.Json["server"]!["id"]!.GetValue<string>();
        await nova.WaitForStatusAsync(id, "ACTIVE");
        return id;
    }

    private static Task<JsonNode> RootAttachmentAsync(NovaClient nova, string serverId) =>
        Eventually.Until(
            async () => (await nova.GetAsync($"/v2.1/servers/{serverId}/os-volume_attachments", "2.89")).Json["volumeAttachments"]!.AsArray()
                .SingleOrDefault(a => a!["device"]!.GetValue<string>() == "/dev/vda")!,
            attachment => attachment is not null,
            because: "the root volume is attached at create");
}

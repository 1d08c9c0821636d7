using System.Net;
using System.Text.Json.Nodes;
using OrleansCompute.Tests.Http;
using OrleansCompute.Tests.Identity;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Volumes;

/// <summary>
/// Boot from volume over HTTP on the real host: block_device_mapping_v2 naming an existing volume, an image or a
/// snapshot onto a new volume, a blank volume; the root disk at /dev/vda, the server's image empty, Nova's 400s
/// for a missing or in-use volume and a missing volume_size, delete_on_termination honoured on delete, and the
/// volumes a create made deleted again when Cinder's quota refuses a later one.
/// </summary>
[Collection(IdentityHostCollection.Name)]
public sealed class BootFromVolumeTests(IdentityHostFixture fixture)
{
    [Fact]
    public async Task A_server_boots_from_an_existing_volume_which_is_refused_to_a_second_server_while_in_use()
    {
        using var nova = await fixture.ClientAsync("demo");
        using var cinder = await CinderAsync();
        var volumeId = (await cinder.CreateVolumeAsync($$$"""{"volume": {"size": 1, "imageRef": "{{{NovaClient.Image}}}"}}"""))["id"]!.GetValue<string>();

        var unknown = await nova.PostAsync("/v2.1/servers", BootBody("bfv-unknown", Mapping(Guid.NewGuid().ToString(), "volume")));
        unknown.Status.Should().Be(HttpStatusCode.BadRequest, unknown.Body);
        unknown.Body.Should().Contain("failed to get volume");

        var serverId = await CreateAsync(nova, BootBody("bfv-volume", Mapping(volumeId, "volume")));
        var server = await nova.WaitForStatusAsync(serverId, "ACTIVE");
        server["image"]!.GetValue<string>().Should().BeEmpty("Nova shows a volume-backed server without an image");
        var attachment = await AttachedAsync(nova, serverId);
        attachment["volumeId"]!.GetValue<string>().Should().Be(volumeId);
        attachment["device"]!.GetValue<string>().Should().Be("/dev/vda");
        (await cinder.GetAsync($"/volumes/{volumeId}")).Json["volume"]!["status"]!.GetValue<string>().Should().Be("in-use");

        var inUse = await nova.PostAsync("/v2.1/servers", BootBody("bfv-in-use", Mapping(volumeId, "volume")));
        inUse.Status.Should().Be(HttpStatusCode.BadRequest, inUse.Body);
        inUse.Body.Should().Contain("status must be 'available'");

        var rescue = await nova.PostAsync($"/v2.1/servers/{serverId}/action", """{"rescue": null}""", "2.86");
        rescue.Status.Should().Be(HttpStatusCode.BadRequest, "a volume-backed server cannot be rescued below 2.87");

        (await nova.DeleteAsync($"/v2.1/servers/{serverId}")).Status.Should().Be(HttpStatusCode.NoContent);
        await Eventually.Until(async () => (await cinder.GetAsync($"/volumes/{volumeId}")).Json["volume"]!["status"]!.GetValue<string>(), s => s == "available",
            because: "a volume without delete_on_termination is only detached");
        await cinder.DeleteAndWaitAsync("volumes", volumeId);
    }

    [Fact]
    public async Task An_image_onto_a_new_volume_with_delete_on_termination_is_gone_with_the_server()
    {
        using var nova = await fixture.ClientAsync("demo");
        using var cinder = await CinderAsync();
        var noSize = await nova.PostAsync("/v2.1/servers", BootBody("bfv-no-size", Mapping(NovaClient.Image, "image")));
        noSize.Status.Should().Be(HttpStatusCode.BadRequest, noSize.Body);

        var mapping = Mapping(NovaClient.Image, "image", """, "volume_size": 1, "delete_on_termination": true, "tag": "root", "volume_type": "__DEFAULT__" """);
        var serverId = await CreateAsync(nova, BootBody("bfv-image", mapping, """, "networks": "none" """), "2.67");
        (await nova.WaitForStatusAsync(serverId, "ACTIVE"))["image"]!.GetValue<string>().Should().BeEmpty();
        var attachment = await AttachedAsync(nova, serverId, "2.79");
        attachment["tag"]!.GetValue<string>().Should().Be("root");
        attachment["delete_on_termination"]!.GetValue<bool>().Should().BeTrue();
        var volumeId = attachment["volumeId"]!.GetValue<string>();
        var volume = (await cinder.GetAsync($"/volumes/{volumeId}")).Json["volume"]!;
        volume["status"]!.GetValue<string>().Should().Be("in-use");
        volume["bootable"]!.GetValue<string>().Should().Be("true");

        (await nova.DeleteAsync($"/v2.1/servers/{serverId}")).Status.Should().Be(HttpStatusCode.NoContent);
        await Eventually.Until(async () => (await cinder.GetAsync($"/volumes/{volumeId}")).Status, s => s == HttpStatusCode.NotFound,
            because: "delete_on_termination deletes the volume the create made");
    }

    [Fact]
    public async Task A_snapshot_onto_a_new_volume_with_a_blank_data_volume_beside_it()
    {
        using var nova = await fixture.ClientAsync("demo");
        using var cinder = await CinderAsync();
        var sourceId = (await cinder.CreateVolumeAsync($$$"""{"volume": {"size": 1, "imageRef": "{{{NovaClient.Image}}}"}}"""))["id"]!.GetValue<string>();
        var snapshotId = (await cinder.PostAsync("/snapshots", $$$"""{"snapshot": {"volume_id": "{{{sourceId}}}"}}""")).Json["snapshot"]!["id"]!.GetValue<string>();
        await cinder.WaitForAsync("snapshots", snapshotId, "available");

        var unknownSnapshot = await nova.PostAsync("/v2.1/servers", BootBody("bfv-no-snapshot", Mapping(Guid.NewGuid().ToString(), "snapshot")));
        unknownSnapshot.Status.Should().Be(HttpStatusCode.BadRequest, unknownSnapshot.Body);

        var mappings = Mapping(snapshotId, "snapshot") + """, {"boot_index": -1, "source_type": "blank", "destination_type": "volume", "volume_size": 1}""";
        var serverId = await CreateAsync(nova, BootBody("bfv-snapshot", mappings));
        await nova.WaitForStatusAsync(serverId, "ACTIVE");
        var attachments = await Eventually.Until(
            async () => (await nova.GetAsync($"/v2.1/servers/{serverId}/os-volume_attachments")).Json["volumeAttachments"]!.AsArray(),
            list => list.Count == 2,
            because: "both mapped volumes are attached at create");
        attachments.Select(a => a!["device"]!.GetValue<string>()).Should().BeEquivalentTo(["/dev/vda", "/dev/vdb"]);
        var root = attachments.Single(a => a!["device"]!.GetValue<string>() == "/dev/vda")!["volumeId"]!.GetValue<string>();
        (await cinder.GetAsync($"/volumes/{root}")).Json["volume"]!["snapshot_id"]!.GetValue<string>().Should().Be(snapshotId);

        (await nova.DeleteAsync($"/v2.1/servers/{serverId}")).Status.Should().Be(HttpStatusCode.NoContent);
        foreach (var volumeId in attachments.Select(a => a!["volumeId"]!.GetValue<string>()))
        {
            await Eventually.Until(async () => (await cinder.GetAsync($"/volumes/{volumeId}")).Json["volume"]!["status"]!.GetValue<string>(), s => s == "available");
            await cinder.DeleteAndWaitAsync("volumes", volumeId);
        }

        await cinder.DeleteAndWaitAsync("snapshots", snapshotId);
        await cinder.DeleteAndWaitAsync("volumes", sourceId);
    }

    [Fact]
    public async Task A_create_over_the_volume_quota_deletes_the_volumes_it_made_already()
    {
        using var nova = await fixture.ClientAsync("demo");
        using var cinder = await CinderAsync();
        var before = await VolumeIdsAsync(cinder);

        // The root volume is made and reserved, then the data volume passes the gigabytes quota (1000).
        var mappings = Mapping(NovaClient.Image, "image", """, "volume_size": 1""")
            + """, {"boot_index": -1, "source_type": "blank", "destination_type": "volume", "volume_size": 5000}""";
        var refused = await nova.PostAsync("/v2.1/servers", BootBody("bfv-over-quota", mappings));
        refused.Status.Should().Be(HttpStatusCode.Forbidden, refused.Body);
        refused.Body.Should().Contain("Volume resource quota exceeded");

        await Eventually.Until(() => VolumeIdsAsync(cinder), ids => ids.SetEquals(before), because: "the root volume the failed create made is deleted");
    }

    private static async Task<HashSet<string>> VolumeIdsAsync(CinderClient cinder) =>
        (await cinder.GetAsync("/volumes")).Json["volumes"]!.AsArray().Select(v => v!["id"]!.GetValue<string>()).ToHashSet();

    private async Task<CinderClient> CinderAsync() =>
        new(fixture.Host.CreateClient(await fixture.TokenAsync("demo")), await fixture.ProjectIdAsync("demo"));

    private static string Mapping(string uuid, string source, string extra = "") =>
        $$$"""{"boot_index": 0, "uuid": "{{{uuid}}}", "source_type": "{{{source}}}", "destination_type": "volume"{{{extra}}}}""";

    private static string BootBody(string name, string mappings, string extra = "") =>
        $$$"""{"server": {"name": "{{{name}}}", "flavorRef": "1", "block_device_mapping_v2": [{{{mappings}}}]{{{extra}}}}}""";

    private static async Task<string> CreateAsync(NovaClient nova, string body, string? version = null)
    {
        var created = await nova.PostAsync("/v2.1/servers", body, version);
        created.Status.Should().Be(HttpStatusCode.Accepted, created.Body);
        return created.Json["server"]!["id"]!.GetValue<string>();
    }

    /// <summary>The server's one attachment, once its attach at create completed.</summary>
    private static async Task<JsonNode> AttachedAsync(NovaClient nova, string serverId, string? version = null)
    {
        var attachments = await Eventually.Until(
            async () => (await nova.GetAsync($"/v2.1/servers/{serverId}/os-volume_attachments", version)).Json["volumeAttachments"]!.AsArray(),
            list => list.Count == 1,
            because: "the boot volume is attached at create");
        return attachments[0]!;
    }
}

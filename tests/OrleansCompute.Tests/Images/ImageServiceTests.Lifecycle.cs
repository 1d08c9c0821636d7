using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using OrleansCompute.Tests.Http;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Images;

/// <summary>The image service's import, actions, ranged downloads, locations and snapshot data, as Glance answers them.</summary>
public sealed partial class ImageServiceTests
{
    [Fact]
    public async Task A_glance_direct_import_stages_then_imports_with_Glances_conflicts()
    {
        var discovery = await Demo.GetAsync("/image/v2/info/import");
        discovery.Status.Should().Be(HttpStatusCode.OK, discovery.Body);
        discovery.Json["import-methods"]!["value"]!.AsArray().Select(m => m!.GetValue<string>()).Should().Equal(["glance-direct"], "web-download needs the internet and copy-image several stores");

        var created = await Demo.PostAsync("/image/v2/images", """{"name": "imported", "disk_format": "raw", "container_format": "bare"}""");
        created.Status.Should().Be(HttpStatusCode.Created, created.Body);
        created.Header("OpenStack-image-import-methods").Should().Be("glance-direct", "openstacksdk decides from it whether import is possible");
        var id = Id(created.Json);
        const string import = """{"method": {"name": "glance-direct"}}""";
        (await Demo.PostAsync($"/image/v2/images/{id}/import", import)).Status.Should().Be(HttpStatusCode.Conflict, "nothing is staged yet");

        const long length = 3 * 1024 * 1024 + 5;
        (await GlanceRequests.UploadAsync(Demo, id, length, seed: 4, target: "stage")).Should().Be(HttpStatusCode.NoContent);
        var staged = await GlanceRequests.ShowAsync(Demo, id);
        staged["status"]!.GetValue<string>().Should().Be("uploading");
        staged["checksum"].Should().BeNull("the data is the image's only once imported");
        (await Demo.GetAsync($"/image/v2/images/{id}/file")).Status.Should().Be(HttpStatusCode.NoContent);
        (await GlanceRequests.UploadAsync(Demo, id, 10, target: "stage")).Should().Be(HttpStatusCode.Conflict, "only a queued image is staged");
        (await GlanceRequests.UploadAsync(Demo, id, 10)).Should().Be(HttpStatusCode.Conflict, "a staged image takes no upload");

        foreach (var bad in new[] { """{"method": {"name": "web-download", "uri": "http://example.com/x.img"}}""", """{"method": {}}""", """{"name": "glance-direct"}""", "[]" })
        {
            (await Demo.PostAsync($"/image/v2/images/{id}/import", bad)).Status.Should().Be(HttpStatusCode.BadRequest, bad);
        }

        (await fixture.Alt.PostAsync($"/image/v2/images/{id}/import", import)).Status.Should().Be(HttpStatusCode.NotFound, "another project does not see it");
        (await Demo.PostAsync($"/image/v2/images/{id}/import", import)).Status.Should().Be(HttpStatusCode.Accepted);
        var active = await Eventually.Until(
            () => GlanceRequests.ShowAsync(Demo, id),
            i => i["status"]!.GetValue<string>() != "importing",
            because: "the import finishes");
        var (md5, sha512) = await GlanceRequests.DigestsAsync(length, seed: 4);
        active["status"]!.GetValue<string>().Should().Be("active");
        active["size"]!.GetValue<long>().Should().Be(length);
        active["checksum"]!.GetValue<string>().Should().Be(md5);
        active["os_hash_algo"]!.GetValue<string>().Should().Be("sha512");
        active["os_hash_value"]!.GetValue<string>().Should().Be(sha512);
        (await Demo.GetAsync($"/image/v2/images/{id}/file")).Status.Should().Be(HttpStatusCode.OK);

        var again = await Demo.PostAsync($"/image/v2/images/{id}/import", import);
        again.Status.Should().Be(HttpStatusCode.Conflict);
        again.Body.Should().Contain("Image with status active cannot be target for import");

        // Formats are checked at import (409), not at stage.
        var bare = Id(await GlanceRequests.CreateAsync(Demo, """{"name": "no-formats"}"""));
        (await GlanceRequests.UploadAsync(Demo, bare, 100, target: "stage")).Should().Be(HttpStatusCode.NoContent);
        var noFormats = await Demo.PostAsync($"/image/v2/images/{bare}/import", import);
        noFormats.Status.Should().Be(HttpStatusCode.Conflict);
        noFormats.Body.Should().Contain("'container_format' needs to be set before import");
    }

    [Fact]
    public async Task Deactivate_and_reactivate_are_the_admins_and_block_boot_and_download()
    {
        var id = await GlanceRequests.ActiveImageAsync(Demo, "to-deactivate", 4096, seed: 5);
        var deactivate = $"/image/v2/images/{id}/actions/deactivate";
        var reactivate = $"/image/v2/images/{id}/actions/reactivate";
        (await Demo.PostAsync(deactivate, "")).Status.Should().Be(HttpStatusCode.Forbidden, "admin only by default");
        (await fixture.Admin.PostAsync(deactivate, "")).Status.Should().Be(HttpStatusCode.NoContent);
        (await fixture.Admin.PostAsync(deactivate, "")).Status.Should().Be(HttpStatusCode.NoContent, "again: nothing");
        (await GlanceRequests.ShowAsync(Demo, id))["status"]!.GetValue<string>().Should().Be("deactivated");
        (await ListIdsAsync(Demo, "?status=deactivated")).Should().Contain(id, "a deactivated image is still listed");
        (await Demo.GetAsync($"/v2.1/images/{id}")).Json["image"]!["status"]!.GetValue<string>().Should().Be("UNKNOWN", "Nova's proxy has no name for it");

        var download = await Demo.GetAsync($"/image/v2/images/{id}/file");
        download.Status.Should().Be(HttpStatusCode.Forbidden);
        download.Body.Should().Contain("deactivated");
        (await fixture.Admin.GetAsync($"/image/v2/images/{id}/file")).Status.Should().Be(HttpStatusCode.OK, "an admin still downloads it");

        var boot = await SnapshotImages.BootAsync(Demo, id, "from-deactivated");
        boot.Status.Should().Be(HttpStatusCode.BadRequest, boot.Body);
        boot.Body.Should().Contain($"Image {id} is not active.");

        (await Demo.PostAsync(reactivate, "")).Status.Should().Be(HttpStatusCode.Forbidden);
        (await fixture.Admin.PostAsync(reactivate, "")).Status.Should().Be(HttpStatusCode.NoContent);
        (await fixture.Admin.PostAsync(reactivate, "")).Status.Should().Be(HttpStatusCode.NoContent, "again: nothing");
        (await GlanceRequests.ShowAsync(Demo, id))["status"]!.GetValue<string>().Should().Be("active");
        (await Demo.GetAsync($"/image/v2/images/{id}/file")).Status.Should().Be(HttpStatusCode.OK);

        var queued = Id(await GlanceRequests.CreateAsync(Demo, """{"name": "never-active"}"""));
        (await fixture.Admin.PostAsync($"/image/v2/images/{queued}/actions/deactivate", "")).Status.Should().Be(HttpStatusCode.Forbidden, "only an active image is deactivated");
        (await fixture.Admin.PostAsync($"/image/v2/images/{queued}/actions/reactivate", "")).Status.Should().Be(HttpStatusCode.Forbidden, "only a deactivated image is reactivated");
        (await fixture.Admin.PostAsync($"/image/v2/images/{Guid.NewGuid()}/actions/deactivate", "")).Status.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_range_is_206_with_its_Content_Range_and_an_unsatisfiable_one_416()
    {
        const int length = 3 * 1024 * 1024 + 11;
        var id = await GlanceRequests.ActiveImageAsync(Demo, "ranged", length, seed: 6);
        var bytes = GeneratedData.Bytes(length, 6);

        foreach (var (range, offset, count) in new[] { ("bytes=10-19", 10, 10), ("bytes=-5", length - 5, 5), ($"bytes={length - 3}-", length - 3, 3), ("bytes=2097150-9999999999", 2097150, length - 2097150) })
        {
            using var part = await RangeAsync(id, range);
            part.StatusCode.Should().Be(HttpStatusCode.PartialContent, range);
            part.Content.Headers.ContentRange!.ToString().Should().Be($"bytes {offset}-{offset + count - 1}/{length}", range);
            part.Content.Headers.Contains("Content-MD5").Should().BeFalse("the checksum is the whole image's");
            (await part.Content.ReadAsByteArrayAsync()).Should().Equal(bytes.AsSpan(offset, count).ToArray(), range);
        }

        foreach (var range in new[] { $"bytes={length}-", "bytes=5-2", "bytes=0-1,4-5", "pages=1-2", "bytes=x-1", "bytes=-0" })
        {
            using var refused = await RangeAsync(id, range);
            refused.StatusCode.Should().Be(HttpStatusCode.RequestedRangeNotSatisfiable, range);
            refused.Content.Headers.ContentRange!.ToString().Should().Be($"bytes */{length}", range);
        }

        using var whole = await Demo.Http.GetAsync($"/image/v2/images/{id}/file");
        whole.StatusCode.Should().Be(HttpStatusCode.OK);
        whole.Content.Headers.GetValues("Content-MD5").Single().Should().Be((await GlanceRequests.ShowAsync(Demo, id))["checksum"]!.GetValue<string>());
    }

    [Fact]
    public async Task Locations_are_hidden_and_their_changes_refused_as_Glance_by_default()
    {
        var id = await GlanceRequests.ActiveImageAsync(Demo, "no-locations", 100, seed: 7);
        var image = (await GlanceRequests.ShowAsync(Demo, id)).AsObject();
        image.ContainsKey("locations").Should().BeFalse();
        image.ContainsKey("direct_url").Should().BeFalse();

        foreach (var (patch, message) in new[]
        {
            ("""[{"op": "add", "path": "/locations/-", "value": {"url": "file:///x", "metadata": {}}}]""", "add locations if locations are invisible"),
            ("""[{"op": "replace", "path": "/locations", "value": [{"url": "file:///x", "metadata": {}}]}]""", "update locations if locations are invisible"),
            ("""[{"op": "replace", "path": "/locations", "value": []}]""", "Cannot set locations to empty list."),
            ("""[{"op": "remove", "path": "/locations/0"}]""", "remove locations if locations are invisible"),
        })
        {
            var response = await GlanceRequests.PatchAsync(fixture.Admin, id, patch);
            response.Status.Should().Be(HttpStatusCode.Forbidden, patch);
            response.Body.Should().Contain(message, patch);
        }
    }

    [Fact]
    public async Task A_snapshot_of_a_server_booted_from_uploaded_data_carries_that_data()
    {
        const long length = 2 * 1024 * 1024 + 3;
        var baseId = await GlanceRequests.ActiveImageAsync(Demo, "snap-base", length, seed: 8);
        var boot = await SnapshotImages.BootAsync(Demo, baseId, "from-data");
        boot.Status.Should().Be(HttpStatusCode.Accepted, boot.Body);
        var serverId = SnapshotImages.ServerId(boot);
        await Demo.WaitForStatusAsync(serverId, "ACTIVE");

        var snapshotId = await SnapshotImages.CreateImageAsync(Demo, serverId, "snap-with-data");
        await SnapshotImages.WaitForActiveAsync(Demo, snapshotId);
        var (md5, sha512) = await GlanceRequests.DigestsAsync(length, seed: 8);
        var snapshot = await GlanceRequests.ShowAsync(Demo, snapshotId);
        snapshot["size"]!.GetValue<long>().Should().Be(length);
        snapshot["checksum"]!.GetValue<string>().Should().Be(md5);
        snapshot["os_hash_value"]!.GetValue<string>().Should().Be(sha512);
        using (var download = await Demo.Http.GetAsync($"/image/v2/images/{snapshotId}/file"))
        {
            download.StatusCode.Should().Be(HttpStatusCode.OK);
            (await download.Content.ReadAsByteArrayAsync()).Should().Equal(GeneratedData.Bytes((int)length, 8));
        }

        // A server of a configured image (no data) snapshots to an image without data, as before.
        var plain = await Demo.CreateServerAsync("from-configured");
        await Demo.WaitForStatusAsync(plain, "ACTIVE");
        var emptyId = await SnapshotImages.CreateImageAsync(Demo, plain, "snap-without-data");
        await SnapshotImages.WaitForActiveAsync(Demo, emptyId);
        (await Demo.GetAsync($"/image/v2/images/{emptyId}/file")).Status.Should().Be(HttpStatusCode.NoContent);

        (await Demo.DeleteAsync($"/image/v2/images/{snapshotId}")).Status.Should().Be(HttpStatusCode.NoContent);
        File.Exists(Path.Combine(fixture.DataDirectory, "images", snapshotId)).Should().BeFalse("the copy goes with its image");
        File.Exists(Path.Combine(fixture.DataDirectory, "images", baseId)).Should().BeTrue("the base keeps its own");
    }

    private async Task<HttpResponseMessage> RangeAsync(string id, string range)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/image/v2/images/{id}/file");
        request.Headers.TryAddWithoutValidation("Range", range);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return await Demo.Http.SendAsync(request);
    }
}

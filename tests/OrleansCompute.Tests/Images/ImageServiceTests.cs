using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using OrleansCompute.Tests.Http;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Images;

/// <summary>The image service's management API as Glance answers it, over HTTP against one real host.</summary>
public sealed partial class ImageServiceTests(ImageServiceHostFixture fixture) : IClassFixture<ImageServiceHostFixture>
{
    private NovaClient Demo => fixture.Demo;

    private static string Id(JsonNode image) => image["id"]!.GetValue<string>();

    [Fact]
    public async Task An_upload_streams_past_the_default_body_limit_and_downloads_with_its_checksums()
    {
        var created = await GlanceRequests.CreateAsync(Demo, """{"name": "big", "disk_format": "raw", "container_format": "bare", "hw_disk_bus": "virtio"}""");
        created["status"]!.GetValue<string>().Should().Be("queued");
        created["visibility"]!.GetValue<string>().Should().Be("shared");
        created["size"].Should().BeNull();
        created["owner"]!.GetValue<string>().Should().Be("demo");
        var id = Id(created);
        (await Demo.GetAsync($"/image/v2/images/{id}/file")).Status.Should().Be(HttpStatusCode.NoContent, "a queued image has no data");

        const long length = 40L * 1024 * 1024;
        (await GlanceRequests.UploadAsync(Demo, id, length)).Should().Be(HttpStatusCode.NoContent);

        var (md5, sha512) = await GlanceRequests.DigestsAsync(length);
        var image = await GlanceRequests.ShowAsync(Demo, id);
        image["status"]!.GetValue<string>().Should().Be("active");
        image["size"]!.GetValue<long>().Should().Be(length);
        image["virtual_size"]!.GetValue<long>().Should().Be(length, "a raw image's virtual size is its size");
        image["checksum"]!.GetValue<string>().Should().Be(md5);
        image["os_hash_algo"]!.GetValue<string>().Should().Be("sha512");
        image["os_hash_value"]!.GetValue<string>().Should().Be(sha512);
        image["hw_disk_bus"]!.GetValue<string>().Should().Be("virtio");

        using var download = await Demo.Http.GetAsync($"/image/v2/images/{id}/file", HttpCompletionOption.ResponseHeadersRead);
        download.StatusCode.Should().Be(HttpStatusCode.OK);
        download.Content.Headers.ContentLength.Should().Be(length);
        download.Content.Headers.GetValues("Content-MD5").Single().Should().Be(md5);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
        await using var body = await download.Content.ReadAsStreamAsync();
        var buffer = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            sha.AppendData(buffer, 0, read);
        }

        Convert.ToHexStringLower(sha.GetHashAndReset()).Should().Be(sha512);
        Directory.GetFiles(Path.Combine(fixture.DataDirectory, "images")).Select(Path.GetFileName).Should().Contain(id, "embedded mode keeps data in the data directory");

        (await GlanceRequests.UploadAsync(Demo, id, 10)).Should().Be(HttpStatusCode.Conflict, "only a queued image takes data");
    }

    [Fact]
    public async Task An_upload_past_the_size_cap_is_413_and_leaves_the_image_queued()
    {
        var id = Id(await GlanceRequests.CreateAsync(Demo, """{"name": "too-big", "disk_format": "qcow2", "container_format": "bare"}"""));

        (await GlanceRequests.UploadAsync(Demo, id, ImageServiceHostFixture.SizeCap + 1)).Should().Be(HttpStatusCode.RequestEntityTooLarge);

        var image = await GlanceRequests.ShowAsync(Demo, id);
        image["status"]!.GetValue<string>().Should().Be("queued");
        image["size"].Should().BeNull();
        File.Exists(Path.Combine(fixture.DataDirectory, "images", id)).Should().BeFalse("a refused upload leaves no data");
        (await GlanceRequests.UploadAsync(Demo, id, 1024)).Should().Be(HttpStatusCode.NoContent, "the upload can be retried");
    }

    [Fact]
    public async Task Formats_are_required_before_upload_and_fixed_after_it()
    {
        var id = Id(await GlanceRequests.CreateAsync(Demo, """{"name": "formatless"}"""));
        (await GlanceRequests.UploadAsync(Demo, id, 16)).Should().Be(HttpStatusCode.BadRequest);

        var patched = await GlanceRequests.PatchAsync(Demo, id, """[{"op": "replace", "path": "/disk_format", "value": "qcow2"}, {"op": "replace", "path": "/container_format", "value": "bare"}]""");
        patched.Status.Should().Be(HttpStatusCode.OK, patched.Body);
        (await GlanceRequests.UploadAsync(Demo, id, 16)).Should().Be(HttpStatusCode.NoContent);

        (await GlanceRequests.PatchAsync(Demo, id, """[{"op": "replace", "path": "/disk_format", "value": "raw"}]""")).Status.Should().Be(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("""{"status": "active"}""", HttpStatusCode.Forbidden)]
    [InlineData("""{"checksum": "x"}""", HttpStatusCode.Forbidden)]
    [InlineData("""{"os_glance_import_task": "x"}""", HttpStatusCode.Forbidden)]
    [InlineData("""{"visibility": "public"}""", HttpStatusCode.Forbidden)]
    [InlineData("""{"owner": "someone-else"}""", HttpStatusCode.Forbidden)]
    [InlineData("""{"disk_format": "floppy"}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"visibility": "everyone"}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"min_ram": -1}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"protected": "yes"}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"hw_cpu_cores": 4}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"id": "not-a-uuid"}""", HttpStatusCode.BadRequest)]
    [InlineData("""[]""", HttpStatusCode.BadRequest)]
    [InlineData("""{"name": """, HttpStatusCode.BadRequest)]
    public async Task A_create_is_checked_as_Glance_checks_it(string body, HttpStatusCode expected)
    {
        var response = await Demo.PostAsync("/image/v2/images", body);

        response.Status.Should().Be(expected, response.Body);
        response.ContentHeaders.ContentType!.MediaType.Should().Be("text/plain", "Glance's faults are webob text for a client that does not ask for JSON");
        response.Body.Should().StartWith($"{(int)expected} ");
    }

    [Fact]
    public async Task A_fault_is_JSON_for_a_client_that_accepts_it_and_a_duplicate_id_is_409()
    {
        var id = Guid.NewGuid().ToString();
        await GlanceRequests.CreateAsync(Demo, $$"""{"id": "{{id}}", "name": "first"}""");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/image/v2/images") { Content = new StringContent($$"""{"id": "{{id}}"}""") };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        using var response = await Demo.Http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var fault = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        fault["code"]!.GetValue<string>().Should().Be("409 Conflict");
        fault["title"]!.GetValue<string>().Should().Be("Conflict");
        fault["message"]!.GetValue<string>().Should().Contain(id);
    }

    [Fact]
    public async Task A_json_patch_adds_replaces_and_removes_with_Glance_faults()
    {
        var id = Id(await GlanceRequests.CreateAsync(Demo, """{"name": "patched", "os_distro": "cirros"}"""));

        var response = await GlanceRequests.PatchAsync(Demo, id, """
            [{"op": "replace", "path": "/name", "value": "renamed"},
             {"op": "add", "path": "/hw~1disk", "value": "scsi"},
             {"op": "remove", "path": "/os_distro"},
             {"op": "add", "path": "/tags", "value": ["a", "b", "a"]},
             {"op": "replace", "path": "/min_ram", "value": 512}]
            """);
        response.Status.Should().Be(HttpStatusCode.OK, response.Body);
        var image = response.Json;
        image["name"]!.GetValue<string>().Should().Be("renamed");
        image["hw/disk"]!.GetValue<string>().Should().Be("scsi");
        image.AsObject().ContainsKey("os_distro").Should().BeFalse();
        image["tags"]!.AsArray().Select(t => t!.GetValue<string>()).Should().Equal("a", "b");
        image["min_ram"]!.GetValue<int>().Should().Be(512);

        (await GlanceRequests.PatchAsync(Demo, id, """[{"op": "replace", "path": "/missing", "value": "x"}]""")).Status.Should().Be(HttpStatusCode.Conflict);
        (await GlanceRequests.PatchAsync(Demo, id, """[{"op": "remove", "path": "/missing"}]""")).Status.Should().Be(HttpStatusCode.Conflict);
        (await GlanceRequests.PatchAsync(Demo, id, """[{"op": "remove", "path": "/name"}]""")).Status.Should().Be(HttpStatusCode.Forbidden);
        (await GlanceRequests.PatchAsync(Demo, id, """[{"op": "replace", "path": "/status", "value": "active"}]""")).Status.Should().Be(HttpStatusCode.Forbidden);
        (await GlanceRequests.PatchAsync(Demo, id, """[{"op": "replace", "path": "/a/b", "value": "x"}]""")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await GlanceRequests.PatchAsync(Demo, id, """[{"op": "move", "path": "/name"}]""")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await GlanceRequests.PatchAsync(Demo, id, """{"op": "add"}""")).Status.Should().Be(HttpStatusCode.BadRequest);
        var wrongType = await Demo.SendAsync(HttpMethod.Patch, $"/image/v2/images/{id}", "[]");
        wrongType.Status.Should().Be(HttpStatusCode.UnsupportedMediaType);
        wrongType.Header("Accept-Patch").Should().Contain(GlanceRequests.PatchType);
        (await GlanceRequests.PatchAsync(fixture.Alt, id, "[]")).Status.Should().Be(HttpStatusCode.NotFound, "a shared image without members is the owner's only");

        // Any failing operation rejects the whole patch.
        (await GlanceRequests.PatchAsync(Demo, id, """[{"op": "replace", "path": "/name", "value": "lost"}, {"op": "remove", "path": "/missing"}]""")).Status.Should().Be(HttpStatusCode.Conflict);
        (await GlanceRequests.ShowAsync(Demo, id))["name"]!.GetValue<string>().Should().Be("renamed");
    }

    [Fact]
    public async Task A_protected_image_refuses_delete_until_unprotected_and_tags_come_and_go()
    {
        var id = Id(await GlanceRequests.CreateAsync(Demo, """{"name": "guarded", "protected": true}"""));
        (await Demo.SendAsync(HttpMethod.Put, $"/image/v2/images/{id}/tags/blue")).Status.Should().Be(HttpStatusCode.NoContent);
        (await Demo.SendAsync(HttpMethod.Put, $"/image/v2/images/{id}/tags/blue")).Status.Should().Be(HttpStatusCode.NoContent, "adding a tag is idempotent");
        var tagged = await Demo.GetAsync("/image/v2/images?tag=blue");
        tagged.Json["images"]!.AsArray().Select(i => Id(i!)).Should().Equal(id);
        (await Demo.DeleteAsync($"/image/v2/images/{id}/tags/red")).Status.Should().Be(HttpStatusCode.NotFound);
        (await Demo.DeleteAsync($"/image/v2/images/{id}/tags/blue")).Status.Should().Be(HttpStatusCode.NoContent);
        (await GlanceRequests.ShowAsync(Demo, id))["tags"]!.AsArray().Should().BeEmpty();

        (await Demo.DeleteAsync($"/image/v2/images/{id}")).Status.Should().Be(HttpStatusCode.Forbidden);
        (await GlanceRequests.PatchAsync(Demo, id, """[{"op": "replace", "path": "/protected", "value": false}]""")).Status.Should().Be(HttpStatusCode.OK);
        (await Demo.DeleteAsync($"/image/v2/images/{id}")).Status.Should().Be(HttpStatusCode.NoContent);
        (await Demo.GetAsync($"/image/v2/images/{id}")).Status.Should().Be(HttpStatusCode.NotFound);
        (await Demo.DeleteAsync($"/image/v2/images/{NovaClient.Image}")).Status.Should().Be(HttpStatusCode.Forbidden, "the configured images are nobody's to delete");
    }

    [Fact]
    public async Task Visibility_follows_Glance_rules_for_reads_and_lists()
    {
        var alt = fixture.Alt;
        var priv = Id(await GlanceRequests.CreateAsync(Demo, """{"name": "vis-private", "visibility": "private"}"""));
        var community = Id(await GlanceRequests.CreateAsync(Demo, """{"name": "vis-community", "visibility": "community"}"""));
        var shared = Id(await GlanceRequests.CreateAsync(Demo, """{"name": "vis-shared"}"""));

        (await alt.GetAsync($"/image/v2/images/{priv}")).Status.Should().Be(HttpStatusCode.NotFound);
        (await alt.GetAsync($"/image/v2/images/{shared}")).Status.Should().Be(HttpStatusCode.NotFound);
        (await alt.GetAsync($"/image/v2/images/{community}")).Status.Should().Be(HttpStatusCode.OK, "community images are readable by all");
        var altDefault = await ListIdsAsync(alt, "");
        altDefault.Should().NotContain([priv, community, shared], "another project's community image is not in the default list");
        altDefault.Should().Contain(NovaClient.Image, "public images are");
        (await ListIdsAsync(alt, "?visibility=community")).Should().Contain(community);
        (await ListIdsAsync(Demo, "")).Should().Contain([priv, community, shared], "the owner lists all its own");

        (await GlanceRequests.PatchAsync(Demo, priv, """[{"op": "replace", "path": "/visibility", "value": "public"}]""")).Status.Should().Be(HttpStatusCode.Forbidden, "public needs admin");
        (await GlanceRequests.PatchAsync(fixture.Admin, priv, """[{"op": "replace", "path": "/visibility", "value": "public"}]""")).Status.Should().Be(HttpStatusCode.OK);
        (await ListIdsAsync(alt, "")).Should().Contain(priv);
        (await ListIdsAsync(alt, "?visibility=public")).Should().Contain(priv);
        (await alt.DeleteAsync($"/image/v2/images/{priv}")).Status.Should().Be(HttpStatusCode.Forbidden, "a reader of a public image may not delete it");
    }

    [Fact]
    public async Task Members_are_added_by_the_owner_and_answered_by_the_member()
    {
        var alt = fixture.Alt;
        var id = Id(await GlanceRequests.CreateAsync(Demo, """{"name": "shared-with-alt"}"""));

        var added = await Demo.PostAsync($"/image/v2/images/{id}/members", """{"member": "alt"}""");
        added.Status.Should().Be(HttpStatusCode.OK, added.Body);
        added.Json["status"]!.GetValue<string>().Should().Be("pending");
        added.Json["image_id"]!.GetValue<string>().Should().Be(id);
        (await Demo.PostAsync($"/image/v2/images/{id}/members", """{"member": "alt"}""")).Status.Should().Be(HttpStatusCode.Conflict);
        (await Demo.PostAsync($"/image/v2/images/{id}/members", """{"member": 7}""")).Status.Should().Be(HttpStatusCode.BadRequest);

        (await alt.GetAsync($"/image/v2/images/{id}")).Status.Should().Be(HttpStatusCode.OK, "a member reads the image in every member status");
        (await ListIdsAsync(alt, "")).Should().NotContain(id, "only an accepted image is in the member's default list");
        (await ListIdsAsync(alt, "?member_status=pending")).Should().Contain(id);
        (await Demo.SendAsync(HttpMethod.Put, $"/image/v2/images/{id}/members/alt", """{"status": "accepted"}""")).Status.Should().Be(HttpStatusCode.Forbidden, "the owner cannot answer for the member");
        (await alt.SendAsync(HttpMethod.Put, $"/image/v2/images/{id}/members/alt", """{"status": "maybe"}""")).Status.Should().Be(HttpStatusCode.BadRequest);
        var accepted = await alt.SendAsync(HttpMethod.Put, $"/image/v2/images/{id}/members/alt", """{"status": "accepted"}""");
        accepted.Status.Should().Be(HttpStatusCode.OK, accepted.Body);
        accepted.Json["status"]!.GetValue<string>().Should().Be("accepted");
        (await ListIdsAsync(alt, "")).Should().Contain(id);
        (await ListIdsAsync(alt, "?visibility=shared")).Should().Contain(id);

        var asMember = await alt.GetAsync($"/image/v2/images/{id}/members");
        asMember.Json["members"]!.AsArray().Select(m => m!["member_id"]!.GetValue<string>()).Should().Equal("alt");
        (await alt.GetAsync($"/image/v2/images/{id}/members/alt")).Status.Should().Be(HttpStatusCode.OK);
        (await GlanceRequests.PatchAsync(alt, id, """[{"op": "replace", "path": "/name", "value": "mine"}]""")).Status.Should().Be(HttpStatusCode.Forbidden, "members only read");

        (await Demo.DeleteAsync($"/image/v2/images/{id}/members/alt")).Status.Should().Be(HttpStatusCode.NoContent);
        (await alt.GetAsync($"/image/v2/images/{id}")).Status.Should().Be(HttpStatusCode.NotFound);
        var privateImage = Id(await GlanceRequests.CreateAsync(Demo, """{"visibility": "private"}"""));
        (await Demo.PostAsync($"/image/v2/images/{privateImage}/members", """{"member": "alt"}""")).Status.Should().Be(HttpStatusCode.Forbidden, "only shared images have members");
    }

    [Fact]
    public async Task Lists_filter_sort_and_page_as_Glance()
    {
        var prefix = "page-" + Guid.NewGuid().ToString("N")[..6];
        var ids = new List<string>();
        foreach (var name in new[] { "c", "a", "b" })
        {
            ids.Add(Id(await GlanceRequests.CreateAsync(Demo, $$"""{"name": "{{prefix}}-{{name}}", "image_kind": "{{prefix}}"}""")));
        }

        var byProperty = await Demo.GetAsync($"/image/v2/images?image_kind={prefix}&sort_key=name&sort_dir=asc&limit=2");
        byProperty.Status.Should().Be(HttpStatusCode.OK, byProperty.Body);
        byProperty.Json["images"]!.AsArray().Select(i => i!["name"]!.GetValue<string>()).Should().Equal($"{prefix}-a", $"{prefix}-b");
        var next = byProperty.Json["next"]!.GetValue<string>();
        next.Should().Contain("marker=");
        var rest = await Demo.GetAsync("/image" + next);
        rest.Json["images"]!.AsArray().Select(i => i!["name"]!.GetValue<string>()).Should().Equal($"{prefix}-c");

        (await ListIdsAsync(Demo, $"?name=in:{prefix}-a,{prefix}-c")).Should().BeEquivalentTo([ids[0], ids[1]]);
        (await ListIdsAsync(Demo, $"?image_kind={prefix}&sort=name:desc")).Should().Equal(ids[0], ids[2], ids[1]);
        foreach (var bad in new[] { "?limit=-1", "?limit=x", "?sort_key=nope", "?sort_dir=sideways", "?marker=" + Guid.NewGuid(), "?visibility=everyone", "?member_status=x", "?protected=maybe", "?size_min=big", "?sort=name&sort_key=id", "?created_at=gt:yesterday", "?name=gt:x", "?changes-since=2020-01-01" })
        {
            (await Demo.GetAsync("/image/v2/images" + bad)).Status.Should().Be(HttpStatusCode.BadRequest, bad);
        }
    }

    [Fact]
    public async Task Snapshots_and_backups_appear_with_Novas_properties()
    {
        var serverId = await Demo.CreateServerAsync("snap-source");
        await Demo.WaitForStatusAsync(serverId, "ACTIVE");

        var snapshotId = await SnapshotImages.CreateImageAsync(Demo, serverId, "snap-of-source");
        await SnapshotImages.WaitForActiveAsync(Demo, snapshotId);
        var snapshot = await GlanceRequests.ShowAsync(Demo, snapshotId);
        snapshot["image_type"]!.GetValue<string>().Should().Be("snapshot");
        snapshot["instance_uuid"]!.GetValue<string>().Should().Be(serverId);
        snapshot["base_image_ref"]!.GetValue<string>().Should().Be(NovaClient.Image);
        snapshot["user_id"]!.GetValue<string>().Should().Be("demo");
        snapshot["owner"]!.GetValue<string>().Should().Be("demo");
        snapshot["owner_id"]!.GetValue<string>().Should().Be("demo");
        snapshot["boot_roles"]!.GetValue<string>().Should().Contain("member");
        snapshot["purpose"]!.GetValue<string>().Should().Be("test", "the action's metadata is kept");
        snapshot["image_location"]!.GetValue<string>().Should().Be("snapshot");
        snapshot["visibility"]!.GetValue<string>().Should().Be("private");
        snapshot["disk_format"]!.GetValue<string>().Should().Be("qcow2");
        snapshot["container_format"]!.GetValue<string>().Should().Be("bare");
        snapshot["status"]!.GetValue<string>().Should().Be("active");

        var backup = await Demo.PostAsync($"/v2.1/servers/{serverId}/action", """{"createBackup": {"name": "nightly", "backup_type": "daily", "rotation": 2}}""", "2.45");
        backup.Status.Should().Be(HttpStatusCode.Accepted, backup.Body);
        var backupId = backup.Json["image_id"]!.GetValue<string>();
        await SnapshotImages.WaitForActiveAsync(Demo, backupId);
        // Nova's rotation finds a server's backups with extra-property filters.
        (await ListIdsAsync(Demo, $"?image_type=backup&backup_type=daily&instance_uuid={serverId}")).Should().Equal(backupId);

        var admin = await fixture.Admin.PostAsync($"/v2.1/servers/{serverId}/action", """{"createImage": {"name": "by-admin"}}""", "2.45");
        admin.Status.Should().Be(HttpStatusCode.Accepted, admin.Body);
        var adminImage = await GlanceRequests.ShowAsync(fixture.Admin, admin.Json["image_id"]!.GetValue<string>());
        adminImage["owner"]!.GetValue<string>().Should().Be("admin", "Glance takes the token's project");
        adminImage["visibility"]!.GetValue<string>().Should().Be("shared");
        (await Demo.GetAsync($"/image/v2/images/{Id(adminImage)}/members/demo")).Status.Should().Be(HttpStatusCode.OK, "Nova shares it with the server's project");
    }

    [Fact]
    public async Task A_shelve_leaves_the_shelved_image_that_unshelve_and_delete_remove()
    {
        var name = "shelf-" + Guid.NewGuid().ToString("N")[..6];
        var serverId = await Demo.CreateServerAsync(name);
        await Demo.WaitForStatusAsync(serverId, "ACTIVE");

        (await Demo.PostAsync($"/v2.1/servers/{serverId}/action", """{"shelve": null}""")).Status.Should().Be(HttpStatusCode.Accepted);
        await Demo.WaitForStatusAsync(serverId, "SHELVED_OFFLOADED");
        var shelved = await ShelvedImageAsync(name);
        shelved["image_type"]!.GetValue<string>().Should().Be("snapshot");
        shelved["instance_uuid"]!.GetValue<string>().Should().Be(serverId);
        shelved["status"]!.GetValue<string>().Should().Be("active");

        (await Demo.PostAsync($"/v2.1/servers/{serverId}/action", """{"unshelve": null}""")).Status.Should().Be(HttpStatusCode.Accepted);
        await Demo.WaitForStatusAsync(serverId, "ACTIVE");
        (await Demo.GetAsync($"/image/v2/images/{Id(shelved)}")).Status.Should().Be(HttpStatusCode.NotFound, "unshelve deletes the shelved image");

        (await Demo.PostAsync($"/v2.1/servers/{serverId}/action", """{"shelve": null}""")).Status.Should().Be(HttpStatusCode.Accepted);
        await Demo.WaitForStatusAsync(serverId, "SHELVED_OFFLOADED");
        var again = await ShelvedImageAsync(name);
        (await Demo.DeleteAsync($"/v2.1/servers/{serverId}")).Status.Should().Be(HttpStatusCode.NoContent);
        await Eventually.Until(
            () => Demo.GetAsync($"/image/v2/images/{Id(again)}"),
            r => r.Status == HttpStatusCode.NotFound,
            because: "deleting a shelved-offloaded server deletes its shelved image");
    }

    [Fact]
    public async Task Every_image_route_is_in_the_OpenAPI_document()
    {
        var document = await Demo.GetAsync("/openapi/compute.json");
        var paths = document.Json["paths"]!.AsObject();

        paths["/image/v2/images"]!.AsObject().Select(p => p.Key).Should().Contain(["get", "post"]);
        paths["/image/v2/images/{id}"]!.AsObject().Select(p => p.Key).Should().Contain(["get", "patch", "delete"]);
        paths["/image/v2/images/{id}/file"]!.AsObject().Select(p => p.Key).Should().Contain(["get", "put"]);
        paths["/image/v2/images/{id}/tags/{tag}"]!.AsObject().Select(p => p.Key).Should().Contain(["put", "delete"]);
        paths["/image/v2/images/{id}/members"]!.AsObject().Select(p => p.Key).Should().Contain(["get", "post"]);
        paths["/image/v2/images/{id}/members/{member_id}"]!.AsObject().Select(p => p.Key).Should().Contain(["get", "put", "delete"]);
        paths["/image/v2/info/import"]!.AsObject().Select(p => p.Key).Should().Contain("get");
        paths["/image/v2/images/{id}/stage"]!.AsObject().Select(p => p.Key).Should().Contain("put");
        paths["/image/v2/images/{id}/import"]!.AsObject().Select(p => p.Key).Should().Contain("post");
        paths["/image/v2/images/{id}/actions/deactivate"]!.AsObject().Select(p => p.Key).Should().Contain("post");
        paths["/image/v2/images/{id}/actions/reactivate"]!.AsObject().Select(p => p.Key).Should().Contain("post");
    }

    private async Task<JsonNode> ShelvedImageAsync(string serverName)
    {
        var response = await Demo.GetAsync($"/image/v2/images?name={serverName}-shelved");
        response.Status.Should().Be(HttpStatusCode.OK, response.Body);
        return response.Json["images"]!.AsArray().Should().ContainSingle().Subject!;
    }

    private static async Task<IReadOnlyList<string>> ListIdsAsync(NovaClient client, string query)
    {
        var response = await client.GetAsync("/image/v2/images" + (query.Length == 0 ? "?limit=1000" : query + "&limit=1000"));
        response.Status.Should().Be(HttpStatusCode.OK, response.Body);
        return [.. response.Json["images"]!.AsArray().Select(i => Id(i!))];
    }
}

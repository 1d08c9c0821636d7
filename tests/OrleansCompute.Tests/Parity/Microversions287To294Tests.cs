using System.Net;
using OrleansCompute.Tests.Http;
using OrleansCompute.Tests.Images;

namespace OrleansCompute.Tests.Parity;

/// <summary>
/// Issue 15, item 1: the servers-related changes from 2.87 to 2.94 over real HTTP (2.88 and 2.89 change hypervisors
/// and volume attachments, not served here; the advertised maximum is pinned by <see cref="Microversions295To2104Tests"/>).
/// </summary>
[Collection(HostCollection.Name)]
public sealed class Microversions287To294Tests(HostFixture fixture)
{
    private NovaClient NewProject() => NovaClient.For(fixture.Host, $"user:p{Guid.NewGuid():N}");

    private static async Task<string> ActiveAsync(NovaClient client, string name, string? extra = null, string? version = null)
    {
        var id = await client.CreateServerAsync(name, extra, version);
        await client.WaitForStatusAsync(id, "ACTIVE");
        return id;
    }

    private static async Task<string> VolumeBackedAsync(NovaClient client)
    {
        var created = await client.PostAsync(
            "/v2.1/servers",
            $$$"""{"server": {"name": "bfv", "flavorRef": "1", "block_device_mapping_v2": [{"source_type": "image", "destination_type": "volume", "uuid": "{{{NovaClient.Image}}}", "volume_size": 1, "boot_index": 0}]}}""");
        created.Status.Should().Be(HttpStatusCode.Accepted, created.Body);
        var id = created.Json["server"]!["id"]!.GetValue<string>();
        await client.WaitForStatusAsync(id, "ACTIVE");
        return id;
    }

    [Fact]
    public async Task From_2_87_a_volume_backed_server_is_rescued_with_a_rescue_image()
    {
        using var client = NewProject();
        var source = await ActiveAsync(client, "rescue-image-source");
        var snapshot = await client.PostAsync($"/v2.1/servers/{source}/action", """{"createImage": {"name": "rescuer", "metadata": {"hw_rescue_device": "disk"}}}""", "2.45");
        snapshot.Status.Should().Be(HttpStatusCode.Accepted, snapshot.Body);
        var rescueImage = snapshot.Json["image_id"]!.GetValue<string>();
        await SnapshotImages.WaitForActiveAsync(client, rescueImage);
        var id = await VolumeBackedAsync(client);

        var below = await client.PostAsync($"/v2.1/servers/{id}/action", $$$"""{"rescue": {"rescue_image_ref": "{{{rescueImage}}}"}}""", "2.86");
        below.Status.Should().Be(HttpStatusCode.BadRequest, below.Body);
        below.Json["badRequest"]!["message"]!.GetValue<string>().Should().Be($"Instance {id} cannot be rescued: Cannot rescue a volume-backed instance");
        (await client.GetAsync($"/v2.1/servers/{id}")).Json["server"]!["status"]!.GetValue<string>().Should().Be("ACTIVE");
        (await client.PostAsync($"/v2.1/servers/{id}/action", """{"rescue": null}""", "2.87"))
            .Status.Should().Be(HttpStatusCode.BadRequest, "the server's own image says nothing of a rescue device");

        var rescued = await client.PostAsync($"/v2.1/servers/{id}/action", $$$"""{"rescue": {"rescue_image_ref": "{{{rescueImage}}}"}}""", "2.87");
        rescued.Status.Should().Be(HttpStatusCode.OK, rescued.Body);
        await client.WaitForStatusAsync(id, "RESCUE");
    }

    [Fact]
    public async Task From_2_90_hostname_is_set_on_create_update_and_rebuild_shown_and_filtered_for_members()
    {
        using var client = NewProject();
        var id = await ActiveAsync(client, "display-name", ", \"hostname\": \"web-01\"", "2.90");

        var shown = (await client.GetAsync($"/v2.1/servers/{id}", "2.90")).Json["server"]!;
        shown["OS-EXT-SRV-ATTR:hostname"]!.GetValue<string>().Should().Be("web-01");
        (await client.GetAsync($"/v2.1/servers/{id}", "2.89")).Json["server"]!.AsObject().ContainsKey("OS-EXT-SRV-ATTR:hostname").Should().BeFalse();

        var updated = await client.SendAsync(HttpMethod.Put, $"/v2.1/servers/{id}", """{"server": {"hostname": "web-02"}}""", "2.90");
        updated.Status.Should().Be(HttpStatusCode.OK, updated.Body);
        updated.Json["server"]!["OS-EXT-SRV-ATTR:hostname"]!.GetValue<string>().Should().Be("web-02");

        var rebuilt = await client.PostAsync($"/v2.1/servers/{id}/action", $$$"""{"rebuild": {"imageRef": "{{{NovaClient.Image}}}", "hostname": "web-03"}}""", "2.90");
        rebuilt.Status.Should().Be(HttpStatusCode.Accepted, rebuilt.Body);
        rebuilt.Json["server"]!["OS-EXT-SRV-ATTR:hostname"]!.GetValue<string>().Should().Be("web-03");

        var filtered = await client.GetAsync("/v2.1/servers?hostname=web-03", "2.90");
        filtered.Json["servers"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()).Should().Equal(id);
        (await client.PostAsync("/v2.1/servers", $$$"""{"server": {"name": "x", "flavorRef": "1", "imageRef": "{{{NovaClient.Image}}}", "networks": "auto", "hostname": "web.example.com"}}""", "2.90"))
            .Status.Should().Be(HttpStatusCode.BadRequest, "an FQDN only from 2.94");
    }

    [Fact]
    public async Task From_2_94_the_hostname_may_be_a_fully_qualified_name()
    {
        using var client = NewProject();
        var id = await client.CreateServerAsync("fqdn", ", \"hostname\": \"web.example.com\"", "2.94");

        (await client.GetAsync($"/v2.1/servers/{id}", "2.94")).Json["server"]!["OS-EXT-SRV-ATTR:hostname"]!.GetValue<string>().Should().Be("web.example.com");
    }

    [Fact]
    public async Task From_2_91_unshelve_names_a_host_for_admins_only_and_null_unpins_the_zone()
    {
        using var client = NewProject();
        var id = await ActiveAsync(client, "shelved");
        (await client.PostAsync($"/v2.1/servers/{id}/action", """{"shelve": null}""")).Status.Should().Be(HttpStatusCode.Accepted);
        await client.WaitForStatusAsync(id, "SHELVED_OFFLOADED");

        (await client.PostAsync($"/v2.1/servers/{id}/action", """{"unshelve": {"host": "compute-2"}}""", "2.90")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await client.PostAsync($"/v2.1/servers/{id}/action", """{"unshelve": {"host": "compute-2"}}""", "2.91")).Status.Should().Be(HttpStatusCode.Forbidden);
        (await client.PostAsync($"/v2.1/servers/{id}/action", """{"unshelve": {}}""", "2.91")).Status.Should().Be(HttpStatusCode.BadRequest);

        var unpinned = await client.PostAsync($"/v2.1/servers/{id}/action", """{"unshelve": {"availability_zone": null}}""", "2.91");
        unpinned.Status.Should().Be(HttpStatusCode.Accepted, unpinned.Body);
        await client.WaitForStatusAsync(id, "ACTIVE");
    }

    [Fact]
    public async Task From_2_92_key_pairs_are_imported_only_and_names_take_at_and_dot()
    {
        using var client = NewProject();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var generated = await client.PostAsync("/v2.1/os-keypairs", $$$"""{"keypair": {"name": "gen-{{{suffix}}}"}}""", "2.91");
        generated.Status.Should().Be(HttpStatusCode.Created, generated.Body);
        var publicKey = generated.Json["keypair"]!["public_key"]!.GetValue<string>();

        (await client.PostAsync("/v2.1/os-keypairs", """{"keypair": {"name": "no-key"}}""", "2.92")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await client.PostAsync("/v2.1/os-keypairs", $$$"""{"keypair": {"name": "me@host{{{suffix}}}.example", "public_key": "{{{publicKey}}}"}}""", "2.91"))
            .Status.Should().Be(HttpStatusCode.BadRequest);
        var imported = await client.PostAsync("/v2.1/os-keypairs", $$$"""{"keypair": {"name": "me@host{{{suffix}}}.example", "public_key": "{{{publicKey}}}"}}""", "2.92");
        imported.Status.Should().Be(HttpStatusCode.Created, imported.Body);
        imported.Json["keypair"]!.AsObject().ContainsKey("private_key").Should().BeFalse();
    }

    [Fact]
    public async Task From_2_93_a_volume_backed_server_is_rebuilt_and_stays_volume_backed()
    {
        using var client = NewProject();
        var id = await VolumeBackedAsync(client);

        var refused = await client.PostAsync($"/v2.1/servers/{id}/action", $$$"""{"rebuild": {"imageRef": "{{{NovaClient.Image}}}"}}""", "2.92");
        refused.Status.Should().Be(HttpStatusCode.BadRequest, refused.Body);
        refused.Json["badRequest"]!["message"]!.GetValue<string>().Should().Contain("Unable to rebuild with a different image for a volume-backed server");

        var rebuilt = await client.PostAsync($"/v2.1/servers/{id}/action", $$$"""{"rebuild": {"imageRef": "{{{NovaClient.Image}}}"}}""", "2.93");
        rebuilt.Status.Should().Be(HttpStatusCode.Accepted, rebuilt.Body);
        var server = await client.WaitForStatusAsync(id, "ACTIVE");
        server["image"]!.GetValue<string>().Should().BeEmpty();
    }
}

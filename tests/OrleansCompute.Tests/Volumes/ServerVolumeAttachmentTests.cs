using System.Net;
using System.Text.Json.Nodes;
using OrleansCompute.Tests.Identity;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Volumes;

/// <summary>
/// Nova's side of block storage over HTTP on the real host: os-volume_attachments (attach, list, show, detach) as
/// lifecycle rows with instance actions, the lock rule, volumes_attached in the server view, and a server delete
/// that releases its volumes and deletes the delete_on_termination ones.
/// </summary>
[Collection(IdentityHostCollection.Name)]
public sealed class ServerVolumeAttachmentTests(IdentityHostFixture fixture)
{
    [Fact]
    public async Task From_2_101_an_attach_answers_202_without_a_body_and_the_volume_still_ends_in_use()
    {
        using var nova = await fixture.ClientAsync("demo");
        using var cinder = new CinderClient(fixture.Host.CreateClient(await fixture.TokenAsync("demo")), await fixture.ProjectIdAsync("demo"));
        var serverId = await nova.CreateServerAsync("vol-attach-2101");
        await nova.WaitForStatusAsync(serverId, "ACTIVE");
        var before = (await cinder.CreateVolumeAsync("""{"volume": {"size": 1}}"""))["id"]!.GetValue<string>();
        var after = (await cinder.CreateVolumeAsync("""{"volume": {"size": 1}}"""))["id"]!.GetValue<string>();

        var at2100 = await nova.PostAsync($"/v2.1/servers/{serverId}/os-volume_attachments", $$$"""{"volumeAttachment": {"volumeId": "{{{before}}}"}}""", "2.100");
        at2100.Status.Should().Be(HttpStatusCode.OK, at2100.Body);
        at2100.Json["volumeAttachment"]!["volumeId"]!.GetValue<string>().Should().Be(before);

        var at2101 = await nova.PostAsync($"/v2.1/servers/{serverId}/os-volume_attachments", $$$"""{"volumeAttachment": {"volumeId": "{{{after}}}"}}""", "2.101");
        at2101.Status.Should().Be(HttpStatusCode.Accepted, at2101.Body);
        at2101.Body.Should().BeEmpty("from 2.101 Nova sends no volumeAttachment body");
        await Eventually.Until(
            async () => (await cinder.GetAsync($"/volumes/{after}")).Json["volume"]!["status"]!.GetValue<string>(),
            status => status == "in-use",
            because: "the attach answered 202 goes on to attach the volume");
    }

    [Fact]
    public async Task Attach_list_detach_with_actions_lock_and_the_server_view()
    {
        using var nova = await fixture.ClientAsync("demo");
        using var cinder = new CinderClient(fixture.Host.CreateClient(await fixture.TokenAsync("demo")), await fixture.ProjectIdAsync("demo"));
        var serverId = await nova.CreateServerAsync("vol-attach");
        await nova.WaitForStatusAsync(serverId, "ACTIVE");
        var volumeId = (await cinder.CreateVolumeAsync("""{"volume": {"size": 1}}"""))["id"]!.GetValue<string>();

        (await nova.PostAsync($"/v2.1/servers/{serverId}/os-volume_attachments", """{"volumeAttachment": {"volumeId": "nope"}}""")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await nova.PostAsync($"/v2.1/servers/{serverId}/os-volume_attachments", $$$"""{"volumeAttachment": {"volumeId": "{{{Guid.NewGuid()}}}"}}""")).Status.Should().Be(HttpStatusCode.NotFound);
        (await nova.PostAsync($"/v2.1/servers/{serverId}/os-volume_attachments", $$$"""{"volumeAttachment": {"volumeId": "{{{volumeId}}}", "tag": "t"}}""", "2.48")).Status.Should().Be(HttpStatusCode.BadRequest, "tag is 2.49+");

        await nova.PostAsync($"/v2.1/servers/{serverId}/action", """{"lock": null}""");
        (await nova.PostAsync($"/v2.1/servers/{serverId}/os-volume_attachments", $$$"""{"volumeAttachment": {"volumeId": "{{{volumeId}}}"}}""")).Status.Should().Be(HttpStatusCode.Conflict, "a locked server refuses attach");
        await nova.PostAsync($"/v2.1/servers/{serverId}/action", """{"unlock": null}""");

        var attached = await nova.PostAsync($"/v2.1/servers/{serverId}/os-volume_attachments", $$$"""{"volumeAttachment": {"volumeId": "{{{volumeId}}}", "tag": "data", "delete_on_termination": true}}""", "2.79");
        attached.Status.Should().Be(HttpStatusCode.OK, attached.Body);
        attached.Json["volumeAttachment"]!["device"]!.GetValue<string>().Should().Be("/dev/vdb");
        attached.Json["volumeAttachment"]!["delete_on_termination"]!.GetValue<bool>().Should().BeTrue();
        (await cinder.GetAsync($"/volumes/{volumeId}")).Json["volume"]!["status"]!.GetValue<string>().Should().Be("in-use");
        (await nova.PostAsync($"/v2.1/servers/{serverId}/os-volume_attachments", $$$"""{"volumeAttachment": {"volumeId": "{{{volumeId}}}"}}""")).Status.Should().Be(HttpStatusCode.BadRequest, "already attached");

        var listed = (await nova.GetAsync($"/v2.1/servers/{serverId}/os-volume_attachments", "2.89")).Json["volumeAttachments"]!.AsArray().Single()!;
        listed["volumeId"]!.GetValue<string>().Should().Be(volumeId);
        listed["tag"]!.GetValue<string>().Should().Be("data");
        listed["attachment_id"].Should().NotBeNull();
        listed.AsObject().ContainsKey("id").Should().BeFalse("2.89 drops id");
        (await nova.GetAsync($"/v2.1/servers/{serverId}/os-volume_attachments/{volumeId}")).Json["volumeAttachment"]!["id"]!.GetValue<string>().Should().Be(volumeId);
        var view = (await nova.GetAsync($"/v2.1/servers/{serverId}", "2.3")).Json["server"]!["os-extended-volumes:volumes_attached"]!.AsArray().Single()!;
        view["id"]!.GetValue<string>().Should().Be(volumeId);
        view["delete_on_termination"]!.GetValue<bool>().Should().BeTrue();
        (await nova.GetAsync($"/v2.1/servers/{serverId}")).Json["server"]!["os-extended-volumes:volumes_attached"]![0]!.AsObject().ContainsKey("delete_on_termination").Should().BeFalse("below 2.3");

        (await nova.DeleteAsync($"/v2.1/servers/{serverId}/os-volume_attachments/{Guid.NewGuid()}")).Status.Should().Be(HttpStatusCode.NotFound);
        (await nova.DeleteAsync($"/v2.1/servers/{serverId}/os-volume_attachments/{volumeId}")).Status.Should().Be(HttpStatusCode.Accepted);
        (await cinder.GetAsync($"/volumes/{volumeId}")).Json["volume"]!["status"]!.GetValue<string>().Should().Be("available");
        (await nova.GetAsync($"/v2.1/servers/{serverId}/os-volume_attachments")).Json["volumeAttachments"]!.AsArray().Should().BeEmpty();
        var actions = (await nova.GetAsync($"/v2.1/servers/{serverId}/os-instance-actions")).Json["instanceActions"]!.AsArray().Select(a => a!["action"]!.GetValue<string>());
        actions.Should().Contain(["attach_volume", "detach_volume"]);
        await cinder.DeleteAndWaitAsync("volumes", volumeId);
        await nova.DeleteAsync($"/v2.1/servers/{serverId}");
    }

    [Fact]
    public async Task Deleting_a_server_releases_its_volumes_and_deletes_the_delete_on_termination_ones()
    {
        using var nova = await fixture.ClientAsync("demo");
        using var cinder = new CinderClient(fixture.Host.CreateClient(await fixture.TokenAsync("demo")), await fixture.ProjectIdAsync("demo"));
        var serverId = await nova.CreateServerAsync("vol-delete");
        await nova.WaitForStatusAsync(serverId, "ACTIVE");
        var kept = (await cinder.CreateVolumeAsync("""{"volume": {"size": 1}}"""))["id"]!.GetValue<string>();
        var dropped = (await cinder.CreateVolumeAsync("""{"volume": {"size": 1}}"""))["id"]!.GetValue<string>();
        (await nova.PostAsync($"/v2.1/servers/{serverId}/os-volume_attachments", $$$"""{"volumeAttachment": {"volumeId": "{{{kept}}}"}}""")).Status.Should().Be(HttpStatusCode.OK);
        (await nova.PostAsync($"/v2.1/servers/{serverId}/os-volume_attachments", $$$"""{"volumeAttachment": {"volumeId": "{{{dropped}}}", "delete_on_termination": true}}""", "2.79")).Status.Should().Be(HttpStatusCode.OK);

        (await nova.DeleteAsync($"/v2.1/servers/{serverId}")).Status.Should().Be(HttpStatusCode.NoContent);
        await Eventually.Until(async () => (await cinder.GetAsync($"/volumes/{kept}")).Json["volume"]!["status"]!.GetValue<string>(), s => s == "available");
        await Eventually.Until(async () => (await cinder.GetAsync($"/volumes/{dropped}")).Status, s => s == HttpStatusCode.NotFound);
        await cinder.DeleteAndWaitAsync("volumes", kept);
    }
}

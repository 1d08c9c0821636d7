using System.Net;
using OrleansCompute.Tests.Http;
using OrleansCompute.Tests.Infrastructure;
using OrleansCompute.Tests.Lifecycle;

namespace OrleansCompute.Tests.Images;

/// <summary>A snapshot that fails leaves no image behind, as Nova deletes the Glance record of a failed snapshot.</summary>
[Collection(LifecycleHostCollection.Name)]
public sealed class SnapshotImageFailureTests(LifecycleHostFixture host)
{
    [Theory]
    [InlineData("createImage", "Snapshot", """{"createImage": {"name": "doomed"}}""")]
    [InlineData("createBackup", "Backup", """{"createBackup": {"name": "doomed", "backup_type": "daily", "rotation": 1}}""")]
    public async Task A_failed_snapshot_leaves_no_image(string action, string operation, string body)
    {
        var demo = host.Demo;
        // The metadata hook fails this server's snapshot operation in the fake driver.
        var serverId = await demo.CreateServerAsync("failing-" + action, $$""", "metadata": {"fake-driver:fail": "{{operation}}"}""");
        await demo.WaitForStatusAsync(serverId, "ACTIVE");

        var response = await demo.PostAsync($"/v2.1/servers/{serverId}/action", body, "2.45");
        response.Status.Should().Be(HttpStatusCode.Accepted, response.Body);
        var imageId = response.Json["image_id"]!.GetValue<string>();

        // The failure is recorded in the action log; by then the image is gone (Nova deletes it before reverting the task_state).
        await Eventually.Until(
            () => demo.GetAsync($"/v2.1/servers/{serverId}/os-instance-actions"),
            r => r.Json["instanceActions"]!.AsArray().Any(a => a!["action"]!.GetValue<string>() == action && a["message"]?.GetValue<string>() == "Error"),
            because: $"the {action} should fail");
        var server = await demo.WaitForStatusAsync(serverId, "ACTIVE");
        server["OS-EXT-STS:task_state"].Should().BeNull();

        (await demo.GetAsync($"/v2.1/images/{imageId}")).Status.Should().Be(HttpStatusCode.NotFound);
        (await demo.GetAsync($"/image/v2/images/{imageId}")).Status.Should().Be(HttpStatusCode.NotFound);
        (await SnapshotImages.NovaIdsAsync(demo)).Should().NotContain(imageId);
        (await SnapshotImages.GlanceIdsAsync(demo)).Should().NotContain(imageId);
        var boot = await SnapshotImages.BootAsync(demo, imageId, "never");
        boot.Status.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_server_deleted_while_its_snapshot_runs_leaves_no_image()
    {
        var demo = host.Demo;
        // A snapshot that would take a minute: the delete comes while the image is SAVING.
        var serverId = await demo.CreateServerAsync("deleted-mid-snapshot", """, "metadata": {"fake-driver:seconds:Snapshot": "60"}""");
        await demo.WaitForStatusAsync(serverId, "ACTIVE");
        var response = await demo.PostAsync($"/v2.1/servers/{serverId}/action", """{"createImage": {"name": "abandoned"}}""", "2.45");
        response.Status.Should().Be(HttpStatusCode.Accepted, response.Body);
        var imageId = response.Json["image_id"]!.GetValue<string>();
        var saving = await demo.GetAsync($"/v2.1/images/{imageId}");
        saving.Status.Should().Be(HttpStatusCode.OK, saving.Body);
        saving.Json["image"]!["status"]!.GetValue<string>().Should().Be("SAVING");
        saving.Json["image"]!["progress"]!.GetValue<int>().Should().Be(50);
        (await SnapshotImages.GlanceIdsAsync(demo)).Should().Contain(imageId, "a SAVING snapshot is listed, as Glance lists it");

        (await demo.DeleteAsync($"/v2.1/servers/{serverId}")).Status.Should().Be(HttpStatusCode.NoContent);

        (await demo.GetAsync($"/v2.1/images/{imageId}")).Status.Should().Be(HttpStatusCode.NotFound);
        (await SnapshotImages.GlanceIdsAsync(demo)).Should().NotContain(imageId);
    }
}

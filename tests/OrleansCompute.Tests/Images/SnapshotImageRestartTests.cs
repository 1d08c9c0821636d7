using System.Net;
using OrleansCompute.Tests.Http;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Images;

/// <summary>Snapshot images are durable: a restart of the embedded host (same data directory) keeps them listed and bootable.</summary>
[CollectionDuration(89)]
public sealed class SnapshotImageRestartTests
{
    [Fact]
    public async Task A_snapshot_image_is_listed_shown_and_bootable_after_a_restart_and_only_for_its_project()
    {
        using var directory = new TempDirectory();
        await using var host = new HostProcess(directory.Path, "--Compute:FakeDriver:SpawnSeconds=0.1", "--Compute:FakeDriver:DefaultSeconds=0.05");
        await host.StartAsync();
        string imageId;
        using (var demo = NovaClient.For(host))
        {
            var serverId = await demo.CreateServerAsync("origin");
            await demo.WaitForStatusAsync(serverId, "ACTIVE");
            imageId = await SnapshotImages.CreateImageAsync(demo, serverId, "durable-snap");
            await SnapshotImages.WaitForActiveAsync(demo, imageId);
        }

        await host.StopAsync();
        await host.StartAsync();

        using var after = NovaClient.For(host);
        (await SnapshotImages.GlanceIdsAsync(after)).Should().Contain(imageId).And.Contain(NovaClient.Image);
        (await SnapshotImages.NovaIdsAsync(after)).Should().Contain(imageId);
        var glance = (await after.GetAsync($"/image/v2/images/{imageId}")).Json;
        glance["status"]!.GetValue<string>().Should().Be("active");
        glance["name"]!.GetValue<string>().Should().Be("durable-snap");
        glance["visibility"]!.GetValue<string>().Should().Be("private");
        glance["owner"]!.GetValue<string>().Should().Be("demo");
        glance["image_type"]!.GetValue<string>().Should().Be("snapshot");
        glance["purpose"]!.GetValue<string>().Should().Be("test");
        var nova = (await after.GetAsync($"/v2.1/images/{imageId}")).Json["image"]!;
        nova["status"]!.GetValue<string>().Should().Be("ACTIVE");
        nova["progress"]!.GetValue<int>().Should().Be(100);
        nova["metadata"]!["image_type"]!.GetValue<string>().Should().Be("snapshot");

        var booted = await SnapshotImages.BootAsync(after, imageId, "from-snapshot");
        booted.Status.Should().Be(HttpStatusCode.Accepted, booted.Body);
        var server = await after.WaitForStatusAsync(SnapshotImages.ServerId(booted), "ACTIVE");
        server["image"]!["id"]!.GetValue<string>().Should().Be(imageId);

        // Private to its project, as Glance makes a snapshot: another project neither sees nor boots it; an admin sees it.
        using var other = NovaClient.For(host, "alt_demo:alt_demo");
        (await other.GetAsync($"/v2.1/images/{imageId}")).Status.Should().Be(HttpStatusCode.NotFound);
        (await other.GetAsync($"/image/v2/images/{imageId}")).Status.Should().Be(HttpStatusCode.NotFound);
        (await SnapshotImages.GlanceIdsAsync(other)).Should().NotContain(imageId).And.Contain(NovaClient.Image);
        var refused = await SnapshotImages.BootAsync(other, imageId, "not-mine");
        refused.Status.Should().Be(HttpStatusCode.BadRequest);
        refused.Json["badRequest"]!["message"]!.GetValue<string>().Should().Be("Can not find requested image");
        using var admin = NovaClient.For(host, "admin:admin");
        (await admin.GetAsync($"/v2.1/images/{imageId}")).Status.Should().Be(HttpStatusCode.OK);
    }
}

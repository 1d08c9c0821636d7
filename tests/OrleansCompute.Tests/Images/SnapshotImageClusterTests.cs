using System.Net;
using OrleansCompute.Tests.Cluster;
using OrleansCompute.Tests.Http;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Images;

/// <summary>
/// Snapshot images across a cluster: two real silos (deploy/local-cluster.sh on real PostgreSQL), each serving the API.
/// An image made through one node is shown, listed and bootable through the other, as Glance's record is in Nova.
/// </summary>
[Collection(SharedCoresMultiSiloCollection.Name)]
public sealed class SnapshotImageClusterTests
{
    [Fact]
    public async Task An_image_made_through_one_node_is_visible_and_bootable_through_the_other()
    {
        // A schema on the test PostgreSQL server: the database is not what this test is about, and a server of the
        // cluster's own (initdb, start, stop) only added seconds to the run.
        await using var database = await ClusterDatabase.CreateAsync();
        await using var cluster = new LocalCluster(database.ConnectionString);
        var urls = await cluster.UpAsync(2, "--Compute:FakeDriver:SpawnSeconds=0.1", "--Compute:FakeDriver:DefaultSeconds=0.05");
        using var first = Client(urls[0]);
        using var second = Client(urls[1]);

        var origin = await first.CreateServerAsync("origin");
        await first.WaitForStatusAsync(origin, "ACTIVE");
        var imageId = await SnapshotImages.CreateImageAsync(first, origin, "cluster-snap");

        // Seen through the other node, SAVING or already ACTIVE, then ACTIVE.
        var shown = await SnapshotImages.WaitForActiveAsync(second, imageId);
        shown["name"]!.GetValue<string>().Should().Be("cluster-snap");
        (await SnapshotImages.GlanceIdsAsync(second)).Should().Contain(imageId);
        (await SnapshotImages.NovaIdsAsync(second)).Should().Contain(imageId);

        // Bootable through the other node, and a rebuild there onto it works too (the grain side of the lookup).
        var booted = await SnapshotImages.BootAsync(second, imageId, "from-snapshot");
        booted.Status.Should().Be(HttpStatusCode.Accepted, booted.Body);
        var bootedId = SnapshotImages.ServerId(booted);
        (await first.WaitForStatusAsync(bootedId, "ACTIVE"))["image"]!["id"]!.GetValue<string>().Should().Be(imageId);

        var rebuild = await second.PostAsync($"/v2.1/servers/{origin}/action", $$$"""{"rebuild": {"imageRef": "{{{imageId}}}"}}""");
        rebuild.Status.Should().Be(HttpStatusCode.Accepted, rebuild.Body);
        await Eventually.Until(
            async () => (await first.GetAsync($"/v2.1/servers/{origin}")).Json["server"]!,
            s => s["status"]!.GetValue<string>() == "ACTIVE" && s["image"]!["id"]!.GetValue<string>() == imageId,
            because: "the rebuild onto the snapshot should finish");
    }

    private static NovaClient Client(Uri url) =>
        new(new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60), DefaultRequestHeaders = { { "X-Auth-Token", "demo:demo" } } });
}

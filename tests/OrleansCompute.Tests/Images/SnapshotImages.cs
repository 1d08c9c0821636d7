using System.Net;
using System.Text.Json.Nodes;
using OrleansCompute.Tests.Http;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Images;

/// <summary>What the snapshot image tests do over HTTP: take a snapshot, wait for it, read it both ways, boot from it.</summary>
internal static class SnapshotImages
{
    /// <summary>createImage at 2.45 (the id in the body); returns the new image's id.</summary>
    public static async Task<string> CreateImageAsync(NovaClient nova, string serverId, string name)
    {
        var response = await nova.PostAsync($"/v2.1/servers/{serverId}/action", $$$$"""{"createImage": {"name": "{{{{name}}}}", "metadata": {"purpose": "test"}}}""", "2.45");
        response.Status.Should().Be(HttpStatusCode.Accepted, response.Body);
        return response.Json["image_id"]!.GetValue<string>();
    }

    /// <summary>Nova's image proxy until the image is ACTIVE; returns that view.</summary>
    public static async Task<JsonNode> WaitForActiveAsync(NovaClient nova, string imageId) =>
        (await Eventually.Until(
            () => nova.GetAsync($"/v2.1/images/{imageId}"),
            r => r.Status == HttpStatusCode.OK && r.Json["image"]!["status"]!.GetValue<string>() == "ACTIVE",
            because: $"image {imageId} should become ACTIVE")).Json["image"]!;

    /// <summary>The ids of the Glance v2 list (<c>/image/v2/images</c>).</summary>
    public static async Task<IReadOnlyList<string>> GlanceIdsAsync(NovaClient nova)
    {
        var response = await nova.GetAsync("/image/v2/images");
        response.Status.Should().Be(HttpStatusCode.OK, response.Body);
        return [.. response.Json["images"]!.AsArray().Select(i => i!["id"]!.GetValue<string>())];
    }

    /// <summary>The ids of Nova's image proxy list (<c>/v2.1/images</c>).</summary>
    public static async Task<IReadOnlyList<string>> NovaIdsAsync(NovaClient nova)
    {
        var response = await nova.GetAsync("/v2.1/images");
        response.Status.Should().Be(HttpStatusCode.OK, response.Body);
        return [.. response.Json["images"]!.AsArray().Select(i => i!["id"]!.GetValue<string>())];
    }

    /// <summary>Creates a server from <paramref name="imageId"/> and returns the response (202 when the image is bootable).</summary>
    public static Task<NovaResponse> BootAsync(NovaClient nova, string imageId, string name) =>
        nova.PostAsync("/v2.1/servers", $$$"""{"server": {"name": "{{{name}}}", "flavorRef": "1", "imageRef": "{{{imageId}}}"}}""");

    public static string ServerId(NovaResponse created) => created.Json["server"]!["id"]!.GetValue<string>();
}

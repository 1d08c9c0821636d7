using System.Net;
using OrleansCompute.Tests.Http;

namespace OrleansCompute.Tests.Parity;

/// <summary>
/// Issue 15: Nova's legacy <c>/v2</c> endpoint validates bodies with additional properties relaxed: a key the v2.1
/// schema does not know is dropped (at any depth), where <c>/v2.1</c> answers 400.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class LegacyV2BodyTests(HostFixture fixture)
{
    [Fact]
    public async Task The_v2_endpoint_drops_unknown_body_keys_where_v2_1_refuses_them()
    {
        using var client = NovaClient.For(fixture.Host, $"user:p{Guid.NewGuid():N}");
        var body = $$$"""{"server": {"name": "legacy", "flavorRef": "1", "imageRef": "{{{NovaClient.Image}}}", "bogus": 1}, "also_bogus": true}""";
        var strict = await client.PostAsync("/v2.1/servers", body);
        strict.Status.Should().Be(HttpStatusCode.BadRequest);
        strict.Json["badRequest"]!["message"]!.GetValue<string>().Should().Be("Additional properties are not allowed ('also_bogus' was unexpected)");

        var created = await client.PostAsync("/v2/servers", body);
        created.Status.Should().Be(HttpStatusCode.Accepted, created.Body);
        var id = created.Json["server"]!["id"]!.GetValue<string>();
        await client.WaitForStatusAsync(id, "ACTIVE");

        var renamed = await client.SendAsync(HttpMethod.Put, $"/v2/servers/{id}", """{"server": {"name": "renamed", "color": "blue"}}""");
        renamed.Status.Should().Be(HttpStatusCode.OK, renamed.Body);
        renamed.Json["server"]!["name"]!.GetValue<string>().Should().Be("renamed");
        (await client.SendAsync(HttpMethod.Put, $"/v2.1/servers/{id}", """{"server": {"name": "renamed", "color": "blue"}}""")).Status.Should().Be(HttpStatusCode.BadRequest);

        (await client.PostAsync($"/v2/servers/{id}/action", """{"reboot": {"type": "HARD", "why": "because"}}""")).Status.Should().Be(HttpStatusCode.Accepted);
        // What the schema really refuses stays refused: a bad value is no unknown key.
        (await client.PostAsync($"/v2/servers/{id}/action", """{"reboot": {"type": "SIDEWAYS"}}""")).Status.Should().Be(HttpStatusCode.BadRequest);
    }
}

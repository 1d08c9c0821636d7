using System.Net;
using OrleansCompute.Tests.Http;

namespace OrleansCompute.Tests.Parity;

/// <summary>Issue 15, item 2: <c>/servers/{id}/os-server-password</c> with Nova's shapes and rules.</summary>
[Collection(HostCollection.Name)]
public sealed class ServerPasswordTests(HostFixture fixture)
{
    [Fact]
    public async Task Get_shows_the_empty_password_and_delete_answers_204()
    {
        using var client = NovaClient.For(fixture.Host, $"user:p{Guid.NewGuid():N}");
        var id = await client.CreateServerAsync("pw");

        var shown = await client.GetAsync($"/v2.1/servers/{id}/os-server-password");
        shown.Status.Should().Be(HttpStatusCode.OK, shown.Body);
        shown.Json.AsObject().Select(p => p.Key).Should().Equal("password");
        shown.Json["password"]!.GetValue<string>().Should().BeEmpty();

        var cleared = await client.DeleteAsync($"/v2.1/servers/{id}/os-server-password");
        cleared.Status.Should().Be(HttpStatusCode.NoContent, cleared.Body);
        cleared.Body.Should().BeEmpty();
    }

    [Fact]
    public async Task Another_projects_server_is_not_found()
    {
        using var owner = NovaClient.For(fixture.Host, $"user:p{Guid.NewGuid():N}");
        using var stranger = NovaClient.For(fixture.Host, $"user:p{Guid.NewGuid():N}");
        var id = await owner.CreateServerAsync("pw-private");

        (await stranger.GetAsync($"/v2.1/servers/{id}/os-server-password")).Status.Should().Be(HttpStatusCode.NotFound);
        (await stranger.DeleteAsync($"/v2.1/servers/{id}/os-server-password")).Status.Should().Be(HttpStatusCode.NotFound);
        (await owner.GetAsync($"/v2.1/servers/{Guid.NewGuid()}/os-server-password")).Status.Should().Be(HttpStatusCode.NotFound);
    }
}

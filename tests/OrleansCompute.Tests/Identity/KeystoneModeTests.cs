using System.Net;
using OrleansCompute.Tests.Http;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Identity;

/// <summary>
/// <c>keystone</c> mode: a second host validates tokens against an identity service over HTTP, as
/// keystonemiddleware does. The identity service here is the first host's built-in one (Debian's keystone
/// package needs a web server, a database and a bootstrap: more than a test should start).
/// </summary>
[Collection(IdentityHostCollection.Name)]
public sealed class KeystoneModeTests(IdentityHostFixture fixture, KeystoneModeHost shared) : IClassFixture<KeystoneModeHost>, IAsyncLifetime
{
    private HostProcess _host = null!;

    public async Task InitializeAsync() => _host = await shared.StartedAsync(fixture);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Tokens_of_the_external_identity_service_are_accepted_with_their_project_and_roles()
    {
        using var demo = NovaClient.For(_host, await fixture.TokenAsync("demo"));
        var id = await demo.CreateServerAsync("keystone-mode");
        var server = (await demo.GetAsync($"/v2.1/servers/{id}")).Json["server"]!;
        server["tenant_id"]!.GetValue<string>().Should().Be(await fixture.ProjectIdAsync("demo"));

        // Cached or not, the answer is the same: another project does not see the server, an admin does.
        (await demo.GetAsync($"/v2.1/servers/{id}")).Status.Should().Be(HttpStatusCode.OK);
        using var other = NovaClient.For(_host, await fixture.TokenAsync("alt_demo"));
        (await other.GetAsync($"/v2.1/servers/{id}")).Status.Should().Be(HttpStatusCode.NotFound);
        using var reader = NovaClient.For(_host, await fixture.TokenAsync("demo_reader"));
        (await reader.PostAsync("/v2.1/servers", $$$"""{"server": {"name": "r", "flavorRef": "1", "imageRef": "{{{NovaClient.Image}}}"}}""")).Status.Should().Be(HttpStatusCode.Forbidden);
        using var admin = NovaClient.For(_host, await fixture.TokenAsync("admin"));
        (await admin.GetAsync("/v2.1/servers?all_tenants=1")).Json["servers"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()).Should().Contain(id);
    }

    [Fact]
    public async Task An_invalid_token_is_401_with_the_keystone_challenge_and_no_local_identity_service_answers()
    {
        using var forged = NovaClient.For(_host, "not-a-token");
        var response = await forged.GetAsync("/v2.1/servers");
        response.Status.Should().Be(HttpStatusCode.Unauthorized);
        response.Header("WWW-Authenticate").Should().Be($"Keystone uri=\"{fixture.AuthUrl}\"");
        // The rejection is cached; asking again gives the same answer.
        (await forged.GetAsync("/v2.1/servers")).Status.Should().Be(HttpStatusCode.Unauthorized);

        // Nor does this host serve an identity service of its own.
        using var http = new HttpClient { BaseAddress = _host.BaseAddress };
        using var identity = await http.GetAsync("/identity/v3");
        identity.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}

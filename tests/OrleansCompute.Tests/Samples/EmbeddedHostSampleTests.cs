using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Samples;

/// <summary>
/// samples/EmbeddedHost as a user runs it: the product's endpoints and grain, its authentication naming the
/// caller, and the compute API under /compute, where a server is created, listed and deleted.
/// </summary>
public sealed class EmbeddedHostSampleTests(EmbeddedHostSampleFixture fixture) : IClassFixture<EmbeddedHostSampleFixture>
{
    private HostProcess Host => fixture.Host;

    [Fact]
    public async Task Creates_lists_and_deletes_a_server_under_compute_as_the_products_user()
    {
        using var http = Client("alice/project-a");
        var create = await SendAsync(http, HttpMethod.Post, "/compute/v2.1/servers",
            """{"server": {"name": "embedded-1", "flavorRef": "product.small", "imageRef": "70a599e0-31e7-49b7-b260-868f441e862b"}}""");
        create.Status.Should().Be(HttpStatusCode.Accepted, create.Body);
        var id = create.Json["server"]!["id"]!.GetValue<string>();
        create.Json["server"]!["links"]![0]!["href"]!.GetValue<string>().Should().Be($"{Host.BaseAddress.ToString().TrimEnd('/')}/compute/v2.1/servers/{id}");

        var server = await Eventually.Until(
            async () => (await SendAsync(http, HttpMethod.Get, $"/compute/v2.1/servers/{id}")).Json["server"],
            s => s?["status"]?.GetValue<string>() == "ACTIVE",
            because: "the server should build");
        server!["tenant_id"]!.GetValue<string>().Should().Be("project-a", "the product's authentication named the project");
        server["user_id"]!.GetValue<string>().Should().Be("alice");

        var list = await SendAsync(http, HttpMethod.Get, "/compute/v2.1/servers");
        list.Json["servers"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()).Should().Equal(id);
        using var other = Client("bob/project-b");
        (await SendAsync(other, HttpMethod.Get, "/compute/v2.1/servers")).Json["servers"]!.AsArray().Should().BeEmpty("another project sees none of project-a's servers");

        (await SendAsync(http, HttpMethod.Delete, $"/compute/v2.1/servers/{id}")).Status.Should().Be(HttpStatusCode.NoContent);
        await Eventually.Until(
            async () => (await SendAsync(http, HttpMethod.Get, $"/compute/v2.1/servers/{id}")).Status,
            status => status == HttpStatusCode.NotFound,
            because: "the server should be deleted");
        (await SendAsync(http, HttpMethod.Get, "/compute/v2.1/servers")).Json["servers"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task Without_the_products_authentication_the_compute_api_is_a_nova_401_and_the_products_own_endpoints_are_untouched()
    {
        using var anonymous = new HttpClient { BaseAddress = Host.BaseAddress };
        var denied = await SendAsync(anonymous, HttpMethod.Get, "/compute/v2.1/servers");
        denied.Status.Should().Be(HttpStatusCode.Unauthorized);
        denied.Json["unauthorized"]!["code"]!.GetValue<int>().Should().Be(401);

        // A Nova token means nothing to this product: its own authentication decides.
        anonymous.DefaultRequestHeaders.Add("X-Auth-Token", "admin:admin");
        (await SendAsync(anonymous, HttpMethod.Get, "/compute/v2.1/servers")).Status.Should().Be(HttpStatusCode.Unauthorized);

        using var home = await anonymous.GetAsync("/");
        home.StatusCode.Should().Be(HttpStatusCode.OK);
        home.Headers.Contains("x-openstack-request-id").Should().BeFalse("the compute pipeline runs only around the compute routes");
        (await SendAsync(anonymous, HttpMethod.Get, "/compute/v2.1")).Status.Should().Be(HttpStatusCode.OK, "version documents are public, as in Nova");

        using var http = Client("carol/project-c");
        var unknown = await SendAsync(http, HttpMethod.Get, "/compute/v2.1/no-such-thing");
        unknown.Status.Should().Be(HttpStatusCode.NotFound);
        unknown.Json["itemNotFound"].Should().NotBeNull("unknown paths under the mount are Nova 404s");
        using var first = await http.GetAsync("/visits");
        using var second = await http.GetAsync("/visits");
        JsonNode.Parse(await second.Content.ReadAsStringAsync())!["visits"]!.GetValue<int>().Should().Be(2, "the product's grain runs in the same silo");
    }

    private HttpClient Client(string productKey)
    {
        var http = new HttpClient { BaseAddress = Host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add("X-Product-Key", productKey);
        return http;
    }

    private static async Task<(HttpStatusCode Status, string Body, JsonNode Json)> SendAsync(HttpClient http, HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, body, body.Length > 0 ? JsonNode.Parse(body)! : new JsonObject());
    }
}

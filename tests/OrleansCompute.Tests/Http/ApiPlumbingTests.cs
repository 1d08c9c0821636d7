using System.Net;
using System.Text.RegularExpressions;

namespace OrleansCompute.Tests.Http;

[Collection(HostCollection.Name)]
public sealed partial class ApiPlumbingTests(HostFixture fixture)
{
    private NovaClient Client(string token = "demo:demo") => NovaClient.For(fixture.Host, token);

    [Fact]
    public async Task The_root_lists_both_versions_without_authentication()
    {
        using var anonymous = new NovaClient(new HttpClient { BaseAddress = fixture.Host.BaseAddress });
        var response = await anonymous.GetAsync("/");
        response.Status.Should().Be(HttpStatusCode.OK);
        var versions = response.Json["versions"]!.AsArray();
        versions.Select(v => v!["id"]!.GetValue<string>()).Should().Equal("v2.0", "v2.1");
        versions[1]!["status"]!.GetValue<string>().Should().Be("CURRENT");
        versions[1]!["min_version"]!.GetValue<string>().Should().Be("2.1");
        versions[1]!["links"]![0]!["href"]!.GetValue<string>().Should().Be(fixture.Host.BaseAddress + "v2.1/");
        response.Header("OpenStack-API-Version").Should().BeNull();
    }

    [Theory]
    [InlineData("/v2.1")]
    [InlineData("/v2.1/")]
    public async Task The_version_document_is_served_without_authentication(string path)
    {
        using var anonymous = new NovaClient(new HttpClient { BaseAddress = fixture.Host.BaseAddress });
        var response = await anonymous.GetAsync(path);
        response.Status.Should().Be(HttpStatusCode.OK);
        var version = response.Json["version"]!;
        version["id"]!.GetValue<string>().Should().Be("v2.1");
        version["media-types"]![0]!["type"]!.GetValue<string>().Should().Be("application/vnd.openstack.compute+json;version=2.1");
        version["links"]!.AsArray().Select(l => l!["rel"]!.GetValue<string>()).Should().Equal("self", "describedby");
        response.Header("OpenStack-API-Version").Should().Be("compute 2.1");
    }

    [Fact]
    public async Task Without_a_version_header_the_minimum_is_used_and_announced()
    {
        using var client = Client();
        var response = await client.GetAsync("/v2.1/servers");
        response.Status.Should().Be(HttpStatusCode.OK);
        response.Header("OpenStack-API-Version").Should().Be("compute 2.1");
        response.Header("X-OpenStack-Nova-API-Version").Should().Be("2.1");
        response.Header("Vary").Should().Contain("OpenStack-API-Version").And.Contain("X-OpenStack-Nova-API-Version");
    }

    [Fact]
    public async Task Latest_means_the_maximum()
    {
        using var client = Client();
        var maximum = (await client.GetAsync("/")).Json["versions"]![1]!["version"]!.GetValue<string>();
        var response = await client.GetAsync("/v2.1/servers", "latest");
        response.Header("OpenStack-API-Version").Should().Be("compute " + maximum);
    }

    [Fact]
    public async Task The_legacy_header_is_honoured()
    {
        using var client = Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v2.1/servers");
        request.Headers.Add("X-OpenStack-Nova-API-Version", "2.19");
        using var response = await client.Http.SendAsync(request);
        response.Headers.GetValues("X-OpenStack-Nova-API-Version").Should().Equal("2.19");
    }

    [Theory]
    [InlineData("2.01")]
    [InlineData("Latest")]
    [InlineData("v2.1")]
    public async Task A_malformed_version_is_400(string version)
    {
        using var client = Client();
        var response = await client.GetAsync("/v2.1/servers", version);
        response.Status.Should().Be(HttpStatusCode.BadRequest);
        response.Json["badRequest"]!["message"]!.GetValue<string>().Should().Be($"API Version String {version} is of invalid format. Must be of format MajorNum.MinorNum.");
    }

    [Theory]
    [InlineData("2.1000")]
    [InlineData("3.0")]
    [InlineData("1.1")]
    public async Task A_version_out_of_range_is_406_compute_fault(string version)
    {
        using var client = Client();
        var response = await client.GetAsync("/v2.1/servers", version);
        response.Status.Should().Be(HttpStatusCode.NotAcceptable);
        response.Json["computeFault"]!["code"]!.GetValue<int>().Should().Be(406);
        response.Json["computeFault"]!["message"]!.GetValue<string>().Should().StartWith($"Version {version} is not supported by the API. Minimum is 2.1 and maximum is ");
    }

    [Fact]
    public async Task A_missing_token_is_401_in_a_fault_body()
    {
        using var anonymous = new NovaClient(new HttpClient { BaseAddress = fixture.Host.BaseAddress });
        var response = await anonymous.GetAsync("/v2.1/servers");
        response.Status.Should().Be(HttpStatusCode.Unauthorized);
        response.Json["unauthorized"]!["code"]!.GetValue<int>().Should().Be(401);
        response.ContentHeaders.ContentType!.MediaType.Should().Be("application/json");
    }

    [Theory]
    [InlineData("GET", "/v2.1/no-such-thing/here")]
    [InlineData("GET", "/v3/servers")]
    [InlineData("PUT", "/v2.1/servers")]
    [InlineData("PATCH", "/v2.1/flavors/1")]
    public async Task Unknown_routes_and_missing_methods_are_404_item_not_found(string method, string path)
    {
        using var client = Client();
        var response = await client.SendAsync(new HttpMethod(method), path, method is "PUT" or "PATCH" ? "{}" : null);
        response.Status.Should().Be(HttpStatusCode.NotFound);
        response.Json["itemNotFound"]!["code"]!.GetValue<int>().Should().Be(404);
        response.ContentHeaders.ContentType!.MediaType.Should().Be("application/json");
    }

    [Fact]
    public async Task Malformed_json_is_400()
    {
        using var client = Client();
        var response = await client.PostAsync("/v2.1/servers", "{\"server\": ");
        response.Status.Should().Be(HttpStatusCode.BadRequest);
        response.Json["badRequest"]!["message"]!.GetValue<string>().Should().Be("Malformed request body");
    }

    [Fact]
    public async Task An_empty_body_fails_the_schema()
    {
        using var client = Client();
        var response = await client.PostAsync("/v2.1/servers", "");
        response.Status.Should().Be(HttpStatusCode.BadRequest);
        response.Json["badRequest"].Should().NotBeNull();
    }

    [Fact]
    public async Task A_non_json_content_type_is_415()
    {
        using var client = Client();
        var response = await client.SendAsync(HttpMethod.Post, "/v2.1/servers", "<server/>", contentType: "application/xml");
        response.Status.Should().Be(HttpStatusCode.UnsupportedMediaType);
        response.Json["badMediaType"]!["message"]!.GetValue<string>().Should().Be("Unsupported Content-Type");
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413()
    {
        using var client = Client();
        var huge = "{\"server\": {\"name\": \"" + new string('x', 200_000) + "\"}}";
        var response = await client.PostAsync("/v2.1/servers", huge);
        response.Status.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        response.Json["overLimit"]!["code"]!.GetValue<int>().Should().Be(413);
    }

    [Fact]
    public async Task Every_response_carries_novas_request_ids()
    {
        using var client = Client();
        foreach (var path in new[] { "/v2.1/servers", "/v2.1/nowhere" })
        {
            var response = await client.GetAsync(path);
            var computeId = response.Header("x-compute-request-id");
            computeId.Should().MatchRegex(RequestIdFormat().ToString());
            response.Header("x-openstack-request-id").Should().Be(computeId);
        }
    }

    [Fact]
    public async Task Errors_carry_the_version_headers_too()
    {
        using var client = Client();
        var response = await client.GetAsync("/v2.1/servers/" + Guid.NewGuid(), "2.19");
        response.Status.Should().Be(HttpStatusCode.NotFound);
        response.Header("OpenStack-API-Version").Should().Be("compute 2.19");
    }

    [Fact]
    public async Task A_project_id_in_the_url_works_and_must_match_the_token()
    {
        using var client = Client("demo:project1");
        (await client.GetAsync("/v2.1/project1/servers")).Status.Should().Be(HttpStatusCode.OK);
        var mismatch = await client.GetAsync("/v2.1/project2/servers");
        mismatch.Status.Should().Be(HttpStatusCode.BadRequest);
        mismatch.Json["badRequest"]!["message"]!.GetValue<string>().Should().Contain("doesn't match Context's project_id");
    }

    [GeneratedRegex("^req-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex RequestIdFormat();
}

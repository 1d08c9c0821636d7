using System.Net;

namespace OrleansCompute.Tests.Hardening;

/// <summary>Input Nova refuses and the service used to accept: each case answers as Nova does.</summary>
[Collection(HardeningHostCollection.Name)]
public sealed class LenientParsingTests(HardeningHostFixture fixture)
{
    [Theory]
    [InlineData("/v2.1/servers/%7B{0}%7D")]
    [InlineData("/v2.1/servers/({0})")]
    [InlineData("/v2.1/servers/{1}")]
    [InlineData("/v2.1/servers/%7B{0}%7D/metadata")]
    [InlineData("/v2.1/servers/{1}/ips")]
    public async Task A_server_id_in_any_spelling_but_the_canonical_one_is_not_found(string template)
    {
        var path = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, fixture.DemoServerId, fixture.DemoServerId.Replace("-", "", StringComparison.Ordinal));
        var response = await fixture.Demo.GetAsync(path);

        response.Status.Should().Be(HttpStatusCode.NotFound, response.Body);
        FaultBody.NovaFaultName(response.Body, 404).Should().Be("itemNotFound");
        (await fixture.Demo.GetAsync($"/v2.1/servers/{fixture.DemoServerId}")).Status.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("PUT", "/tags/a%2Fb")]
    [InlineData("PUT", "/tags/a%2fb")]
    [InlineData("GET", "/tags/a%2Fb")]
    [InlineData("PUT", "/metadata/a%2Fb")]
    public async Task An_encoded_slash_in_a_name_is_not_a_route_as_in_nova(string method, string suffix)
    {
        var body = method == "PUT" && suffix.StartsWith("/metadata", StringComparison.Ordinal) ? """{"meta": {"a/b": "v"}}""" : null;
        var response = await fixture.Demo.SendAsync(new HttpMethod(method), $"/v2.1/servers/{fixture.DemoServerId}{suffix}", body, "2.26");

        response.Status.Should().Be(HttpStatusCode.NotFound, response.Body);
        FaultBody.NovaFaultName(response.Body, 404).Should().Be("itemNotFound");
        var tags = await fixture.Demo.GetAsync($"/v2.1/servers/{fixture.DemoServerId}/tags", "2.26");
        tags.Json["tags"]!.AsArray().Select(t => t!.GetValue<string>()).Should().NotContain(t => t.Contains("%2F", StringComparison.OrdinalIgnoreCase) || t.Contains('/'));
    }

    [Fact]
    public async Task An_unknown_security_group_on_create_is_a_400_and_creates_nothing()
    {
        var before = (await fixture.Demo.GetAsync("/v2.1/servers")).Json["servers"]!.AsArray().Count;
        var response = await fixture.Demo.PostAsync(
            "/v2.1/servers",
            $$$"""{"server": {"name": "sg", "flavorRef": "1", "imageRef": "{{{Http.NovaClient.Image}}}", "security_groups": [{"name": "default"}, {"name": "no-such-group"}]}}""");

        response.Status.Should().Be(HttpStatusCode.BadRequest, response.Body);
        response.Json["badRequest"]!["message"]!.GetValue<string>().Should().Be("Security group no-such-group not found.");
        (await fixture.Demo.GetAsync("/v2.1/servers")).Json["servers"]!.AsArray().Count.Should().Be(before);
    }

    [Fact]
    public async Task An_unknown_security_group_on_add_is_a_404_and_a_configured_one_is_added()
    {
        var unknown = await fixture.Demo.PostAsync($"/v2.1/servers/{fixture.DemoServerId}/action", """{"addSecurityGroup": {"name": "no-such-group"}}""");
        unknown.Status.Should().Be(HttpStatusCode.NotFound, unknown.Body);
        unknown.Json["itemNotFound"]!["message"]!.GetValue<string>().Should().StartWith("Security group no-such-group is not found for project ");

        var known = await fixture.Demo.PostAsync($"/v2.1/servers/{fixture.DemoServerId}/action", """{"addSecurityGroup": {"name": "web"}}""");
        known.Status.Should().Be(HttpStatusCode.Accepted, known.Body);
        var removed = await fixture.Demo.PostAsync($"/v2.1/servers/{fixture.DemoServerId}/action", """{"removeSecurityGroup": {"name": "web"}}""");
        removed.Status.Should().Be(HttpStatusCode.Accepted, removed.Body);
    }

    [Theory]
    [InlineData("/v2.1/flavors?limit=-1", "2.1", "Invalid input for query parameters limit. Value: -1. '-1' does not match '^[0-9]*$'")]
    [InlineData("/v2.1/flavors/detail?limit=abc", "2.1", "Invalid input for query parameters limit. Value: abc. 'abc' does not match '^[0-9]*$'")]
    [InlineData("/v2.1/flavors?minRam=abc", "2.1", "Invalid minRam filter [abc]")]
    [InlineData("/v2.1/flavors?minDisk=1.5", "2.1", "Invalid minDisk filter [1.5]")]
    [InlineData("/v2.1/os-keypairs?limit=-1", "2.35", "Invalid input for query parameters limit. Value: -1. '-1' does not match '^[0-9]*$'")]
    [InlineData("/v2.1/os-server-groups?limit=-1", "2.1", "Invalid input for query parameters limit. Value: -1. '-1' does not match '^[0-9]*$'")]
    [InlineData("/v2.1/os-server-groups?offset=abc", "2.1", "Invalid input for query parameters offset. Value: abc. 'abc' does not match '^[0-9]*$'")]
    [InlineData("/v2.1/limits?foo=1", "2.75", "Additional properties are not allowed ('foo' was unexpected)")]
    public async Task Malformed_query_values_are_nova_s_400(string path, string version, string message)
    {
        var response = await fixture.Demo.GetAsync(path, version);

        response.Status.Should().Be(HttpStatusCode.BadRequest, response.Body);
        response.Json["badRequest"]!["message"]!.GetValue<string>().Should().Be(message);
    }

    [Theory]
    [InlineData("/v2.1/flavors?limit=1&minRam=-5&minDisk=0", "2.1")]
    [InlineData("/v2.1/os-keypairs?limit=0", "2.35")]
    [InlineData("/v2.1/os-keypairs?limit=-1", "2.34")]
    [InlineData("/v2.1/os-server-groups?limit=5&offset=0", "2.1")]
    [InlineData("/v2.1/limits?foo=1", "2.74")]
    public async Task Well_formed_or_ignored_query_values_still_answer(string path, string version)
    {
        var response = await fixture.Demo.GetAsync(path, version);

        response.Status.Should().Be(HttpStatusCode.OK, response.Body);
    }
}

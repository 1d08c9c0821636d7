using System.Net;
using System.Text.Json.Nodes;
using OrleansCompute.Tests.Http;

namespace OrleansCompute.Tests.Operator;

/// <summary>Routes Nova removed answer 410 Gone; the operator's routes are in the OpenAPI document.</summary>
[Collection(HostCollection.Name)]
public sealed class RemovedRoutesAndOpenApiTests(HostFixture fixture)
{
    [Theory]
    [InlineData("GET", "/v2.1/os-agents")]
    [InlineData("GET", "/v2.1/os-fixed-ips/10.0.0.1")]
    [InlineData("POST", "/v2.1/os-fixed-ips/10.0.0.1/action")]
    [InlineData("GET", "/v2.1/os-cells/detail")]
    [InlineData("POST", "/v2.1/os-certificates")]
    [InlineData("GET", "/v2.1/os-cloudpipe")]
    [InlineData("GET", "/v2.1/os-fping")]
    [InlineData("DELETE", "/v2.1/os-networks/1")]
    [InlineData("GET", "/v2.1/servers/9d3c2e3c-43f6-4d5e-9d35-1b0f7e1f0b7a/os-virtual-interfaces")]
    public async Task A_removed_route_is_410_Gone_for_anyone(string method, string path)
    {
        using var member = NovaClient.For(fixture.Host, "demo:demo");
        var response = await member.SendAsync(new HttpMethod(method), path, method == "GET" || method == "DELETE" ? null : "{}");
        response.Status.Should().Be(HttpStatusCode.Gone, response.Body);
        response.Json["computeFault"]!["code"]!.GetValue<int>().Should().Be(410);
    }

    [Fact]
    public async Task The_operator_routes_are_in_the_OpenAPI_document()
    {
        using var client = NovaClient.For(fixture.Host, "admin:admin");
        var document = await client.GetAsync("/openapi/compute.json");
        document.Status.Should().Be(HttpStatusCode.OK, document.Body);
        var paths = document.Json["paths"]!.AsObject().Select(p => p.Key).ToList();
        paths.Should().Contain([
            "/v2.1/flavors/{id}/os-flavor-access", "/v2.1/flavors/{id}/action", "/v2.1/flavors/{flavor_id}/os-extra_specs/{key}",
            "/v2.1/os-services", "/v2.1/os-services/{id}", "/v2.1/os-hypervisors/detail", "/v2.1/os-hypervisors/statistics",
            "/v2.1/os-hypervisors/{id}/uptime", "/v2.1/os-aggregates", "/v2.1/os-fping",
        ]);
        var flavors = document.Json["paths"]!["/v2.1/flavors"]!.AsObject().Select(p => p.Key);
        flavors.Should().Contain(["get", "post"]);
    }
}

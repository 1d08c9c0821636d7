using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace OrleansCompute.Tests.Hardening;

/// <summary>
/// Invalid Unicode in any JSON string (an escaped lone surrogate, a raw 0xFF byte) is a malformed body: 400 with
/// Nova's fault on every POST and PUT route that takes a body, Keystone's 400 on the token route, never a 500.
/// </summary>
[Collection(HardeningHostCollection.Name)]
public sealed class InvalidUnicodeTests(HardeningHostFixture fixture)
{
    /// <summary>Each route that reads a JSON body, with a body whose one string value is replaced by the hostile text.</summary>
    public static TheoryData<string, string, string, string> Routes()
    {
        var data = new TheoryData<string, string, string, string>();
        var routes = new (string Method, string Path, string Version, string Body)[]
        {
            ("POST", "/v2.1/servers", "2.1", """{"server": {"name": "@", "flavorRef": "1", "imageRef": "70a599e0-31e7-49b7-b260-868f441e862b"}}"""),
            ("PUT", "/v2.1/servers/{id}", "2.1", """{"server": {"name": "@"}}"""),
            ("POST", "/v2.1/servers/{id}/action", "2.1", """{"reboot": {"type": "@"}}"""),
            ("POST", "/v2.1/servers/{id}/action", "2.1", """{"createImage": {"name": "@"}}"""),
            ("POST", "/v2.1/servers/{id}/action", "2.1", """{"@": null}"""),
            ("POST", "/v2.1/servers/{id}/metadata", "2.1", """{"metadata": {"k": "@"}}"""),
            ("PUT", "/v2.1/servers/{id}/metadata", "2.1", """{"metadata": {"@": "v"}}"""),
            ("PUT", "/v2.1/servers/{id}/metadata/k", "2.1", """{"meta": {"k": "@"}}"""),
            ("PUT", "/v2.1/servers/{id}/tags", "2.26", """{"tags": ["@"]}"""),
            ("POST", "/v2.1/os-keypairs", "2.1", """{"keypair": {"name": "@"}}"""),
            ("POST", "/v2.1/os-server-groups", "2.1", """{"server_group": {"name": "@", "policies": ["affinity"]}}"""),
            ("PUT", "/v2.1/os-quota-sets/{project}", "2.1", """{"quota_set": {"instances": "@"}}"""),
        };
        foreach (var (method, path, version, body) in routes)
        {
            data.Add(method, path, version, body.Replace("@", "a\\ud800", StringComparison.Ordinal));
            data.Add(method, path, version, body.Replace("@", "a\\udfffb", StringComparison.Ordinal));
            data.Add(method, path, version, body.Replace("@", "a\u00ff", StringComparison.Ordinal) + "#raw");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Invalid_unicode_in_a_body_string_is_a_400_fault_on_every_route(string method, string path, string version, string body)
    {
        // The admin reaches every route, quota sets included, so the body is what is judged.
        var target = path.Replace("{id}", fixture.DemoServerId, StringComparison.Ordinal).Replace("{project}", fixture.DemoProjectId, StringComparison.Ordinal);
        using var request = new HttpRequestMessage(new HttpMethod(method), target) { Content = Content(body) };
        request.Headers.Add("OpenStack-API-Version", "compute " + version);
        using var response = await fixture.Admin.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, text);
        FaultBody.NovaFaultName(text, 400).Should().Be("badRequest", text);
        FaultBody.FindInternals(text).Should().BeNull(text);
    }

    [Theory]
    [InlineData("""{"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": "demo\ud800", "domain": {"id": "default"}, "password": "x"}}}}}""")]
    [InlineData("""{"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": "demo", "domain": {"id": "default"}, "password": "\udc00"}}}}}""")]
    [InlineData("""{"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": "demo", "domain": {"id": "default"}, "password": "xÿ"}}}}}#raw""")]
    public async Task Invalid_unicode_in_a_token_request_is_keystones_400(string body)
    {
        using var http = new HttpClient { BaseAddress = fixture.Host.BaseAddress };
        using var response = await http.PostAsync("/identity/v3/auth/tokens", Content(body));
        var text = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, text);
        FaultBody.IsKeystoneError(text, 400).Should().BeTrue(text);
        FaultBody.FindInternals(text).Should().BeNull(text);
    }

    /// <summary>A body marked <c>#raw</c> carries U+00FF as the single byte 0xFF (Latin-1), which is not UTF-8.</summary>
    private static ByteArrayContent Content(string body)
    {
        var bytes = body.EndsWith("#raw", StringComparison.Ordinal)
            ? Encoding.Latin1.GetBytes(body[..^4])
            : Encoding.UTF8.GetBytes(body);
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }
}

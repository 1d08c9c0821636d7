using System.Net;

namespace OrleansCompute.Tests.Hardening;

/// <summary>
/// Project and user ids taken from the URL become grain keys: a blank or control-character id is a 400, where
/// Orleans' refusal of the key used to be a 500 (found by the hostile-input suite).
/// </summary>
[Collection(HardeningHostCollection.Name)]
public sealed class GrainKeyTests(HardeningHostFixture fixture)
{
    [Theory]
    [InlineData("admin", "/v2.1/os-quota-sets/%09%0D%0A", "2.1", "Project ID \\u0009\\u000d\\u000a is not a valid project.")]
    [InlineData("admin", "/v2.1/os-quota-sets/%20/detail", "2.1", "Project ID   is not a valid project.")]
    [InlineData("demo", "/v2.1/os-quota-sets/%20%20/defaults", "2.1", "Project ID    is not a valid project.")]
    [InlineData("admin", "/v2.1/limits?tenant_id=%20", "2.1", "Project ID   is not a valid project.")]
    [InlineData("admin", "/v2.1/os-keypairs?user_id=%0A", "2.10", "User ID \\u000a is not a valid user.")]
    public async Task A_blank_or_control_character_id_is_a_400(string caller, string path, string version, string message)
    {
        var client = caller == "admin" ? fixture.Admin : fixture.Demo;

        var response = await client.GetAsync(path, version);

        response.Status.Should().Be(HttpStatusCode.BadRequest, response.Body);
        response.Json["badRequest"]!["message"]!.GetValue<string>().Should().Be(message);
    }
}

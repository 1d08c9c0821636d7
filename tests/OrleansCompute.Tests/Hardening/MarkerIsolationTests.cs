using System.Net;

namespace OrleansCompute.Tests.Hardening;

/// <summary>
/// A list marker is looked up in the caller's project, as Nova does: another project's server id and an id that
/// exists nowhere give the same 400, so a member cannot test whether an id exists elsewhere or where it sorts.
/// </summary>
[Collection(HardeningHostCollection.Name)]
public sealed class MarkerIsolationTests(HardeningHostFixture fixture)
{
    [Theory]
    [InlineData("/v2.1/servers")]
    [InlineData("/v2.1/servers/detail")]
    public async Task Another_project_s_server_is_marker_not_found_like_an_unknown_id(string list)
    {
        var unknownId = Guid.NewGuid();
        var foreign = await fixture.AltDemo.GetAsync($"{list}?marker={fixture.DemoServerId}");
        var unknown = await fixture.AltDemo.GetAsync($"{list}?marker={unknownId}");

        foreign.Status.Should().Be(HttpStatusCode.BadRequest, foreign.Body);
        foreign.Json["badRequest"]!["message"]!.GetValue<string>().Should().Be($"marker [{fixture.DemoServerId}] not found");
        unknown.Status.Should().Be(HttpStatusCode.BadRequest, unknown.Body);
        unknown.Json["badRequest"]!["message"]!.GetValue<string>().Should().Be($"marker [{unknownId}] not found");
    }

    [Fact]
    public async Task The_project_s_own_server_and_an_admin_s_marker_still_page()
    {
        (await fixture.Demo.GetAsync($"/v2.1/servers?marker={fixture.DemoServerId}")).Status.Should().Be(HttpStatusCode.OK);
        (await fixture.Admin.GetAsync($"/v2.1/servers?all_tenants=1&marker={fixture.DemoServerId}")).Status.Should().Be(HttpStatusCode.OK);
    }
}

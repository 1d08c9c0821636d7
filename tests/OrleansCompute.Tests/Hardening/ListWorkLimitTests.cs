using System.Net;
using OrleansCompute.Api.Servers.Listing;

namespace OrleansCompute.Tests.Hardening;

/// <summary>The work one list request may ask for is bounded: the page size by max_limit, a regex filter by its length.</summary>
[Collection(HardeningHostCollection.Name)]
public sealed class ListWorkLimitTests(HardeningHostFixture fixture)
{
    [Theory]
    [InlineData("name")]
    [InlineData("ip")]
    [InlineData("description")]
    public async Task A_regex_filter_longer_than_the_cap_is_a_400(string filter)
    {
        var atCap = await fixture.Demo.GetAsync($"/v2.1/servers?{filter}={new string('a', ListParameters.MaxPatternLength)}", "2.19");
        var pastCap = await fixture.Demo.GetAsync($"/v2.1/servers?{filter}={new string('a', ListParameters.MaxPatternLength + 1)}", "2.19");

        atCap.Status.Should().Be(HttpStatusCode.OK, atCap.Body);
        pastCap.Status.Should().Be(HttpStatusCode.BadRequest, pastCap.Body);
        FaultBody.NovaFaultName(pastCap.Body, 400).Should().Be("badRequest");
    }

    [Fact]
    public async Task A_page_never_exceeds_max_limit_whatever_limit_asks_for()
    {
        for (var i = 0; i < HardeningHostFixture.MaxLimit + 1; i++)
        {
            await fixture.AltDemo.CreateServerAsync($"page-{i}");
        }

        var page = await fixture.AltDemo.GetAsync("/v2.1/servers/detail?limit=2147483648");

        page.Status.Should().Be(HttpStatusCode.OK, page.Body);
        page.Json["servers"]!.AsArray().Should().HaveCount(HardeningHostFixture.MaxLimit);
        page.Json["servers_links"]!.AsArray().Should().ContainSingle();
    }
}

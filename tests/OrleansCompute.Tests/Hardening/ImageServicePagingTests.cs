using System.Net;

namespace OrleansCompute.Tests.Hardening;

/// <summary><c>limit=0</c> on the image service is an empty page without a next link, as in Glance (a 500 before; found by the hostile-input suite).</summary>
[Collection(HardeningHostCollection.Name)]
public sealed class ImageServicePagingTests(HardeningHostFixture fixture)
{
    [Fact]
    public async Task A_zero_limit_is_an_empty_page()
    {
        var response = await fixture.Demo.GetAsync("/image/v2/images?limit=0");

        response.Status.Should().Be(HttpStatusCode.OK, response.Body);
        response.Json["images"]!.AsArray().Should().BeEmpty();
        response.Json.AsObject().ContainsKey("next").Should().BeFalse();
    }
}

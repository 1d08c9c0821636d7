using System.Net;

namespace OrleansCompute.Tests.Http;

[Collection(HostCollection.Name)]
public sealed class FlavorAndImageTests(HostFixture fixture)
{
    private NovaClient Client() => NovaClient.For(fixture.Host);

    [Fact]
    public async Task Flavors_list_has_ids_names_and_links()
    {
        using var client = Client();
        var flavors = (await client.GetAsync("/v2.1/flavors")).Json["flavors"]!.AsArray();
        flavors.Select(f => f!["name"]!.GetValue<string>()).Should().Contain(["m1.tiny", "m1.small"]);
        flavors[0]!.AsObject().Select(p => p.Key).Should().BeEquivalentTo(["id", "name", "links"]);
    }

    [Fact]
    public async Task A_swap_of_zero_is_the_empty_string_below_2_75_and_the_number_0_from_2_75()
    {
        using var client = Client();
        (await client.GetAsync("/v2.1/flavors/1", "2.74")).Json["flavor"]!["swap"]!.GetValue<string>().Should().Be("");
        (await client.GetAsync("/v2.1/flavors/1", "2.75")).Json["flavor"]!["swap"]!.GetValue<int>().Should().Be(0);
        (await client.GetAsync("/v2.1/flavors/detail", "2.75")).Json["flavors"]![0]!["swap"]!.GetValue<int>().Should().Be(0);
    }

    [Fact]
    public async Task Flavor_detail_and_show_carry_the_sizes()
    {
        using var client = Client();
        var detail = (await client.GetAsync("/v2.1/flavors/detail")).Json["flavors"]!.AsArray();
        var tiny = detail.Single(f => f!["id"]!.GetValue<string>() == "1")!;
        tiny["ram"]!.GetValue<int>().Should().Be(512);
        tiny["vcpus"]!.GetValue<int>().Should().Be(1);
        tiny["swap"]!.GetValue<string>().Should().Be("");
        tiny["os-flavor-access:is_public"]!.GetValue<bool>().Should().BeTrue();

        var show = (await client.GetAsync("/v2.1/flavors/3")).Json["flavor"]!;
        show["name"]!.GetValue<string>().Should().Be("m1.medium");
        show["disk"]!.GetValue<int>().Should().Be(40);
    }

    [Fact]
    public async Task An_unknown_flavor_is_404()
    {
        using var client = Client();
        var response = await client.GetAsync("/v2.1/flavors/nope");
        response.Status.Should().Be(HttpStatusCode.NotFound);
        response.Json["itemNotFound"]!["message"]!.GetValue<string>().Should().Be("Flavor nope could not be found.");
    }

    [Fact]
    public async Task Flavor_filters_and_paging()
    {
        using var client = Client();
        var big = (await client.GetAsync("/v2.1/flavors?minRam=8192")).Json["flavors"]!.AsArray();
        big.Select(f => f!["id"]!.GetValue<string>()).Should().Equal("4", "5");
        var page = (await client.GetAsync("/v2.1/flavors?limit=2&marker=2")).Json["flavors"]!.AsArray();
        page.Select(f => f!["id"]!.GetValue<string>()).Should().Equal("3", "4");
    }

    [Fact]
    public async Task Images_are_proxied_up_to_2_35_and_gone_after()
    {
        using var client = Client();
        var images = (await client.GetAsync("/v2.1/images")).Json["images"]!.AsArray();
        images.Should().ContainSingle().Which!["id"]!.GetValue<string>().Should().Be(NovaClient.Image);

        var image = (await client.GetAsync($"/v2.1/images/{NovaClient.Image}")).Json["image"]!;
        image["status"]!.GetValue<string>().Should().Be("ACTIVE");
        image["progress"]!.GetValue<int>().Should().Be(100);
        image["metadata"]!["architecture"]!.GetValue<string>().Should().Be("x86_64");

        (await client.GetAsync("/v2.1/images/" + Guid.NewGuid())).Status.Should().Be(HttpStatusCode.NotFound);
        (await client.GetAsync("/v2.1/images", "2.36")).Status.Should().Be(HttpStatusCode.NotFound);
    }
}

using System.Net;
using OrleansCompute.Tests.Http;

namespace OrleansCompute.Tests.Parity;

/// <summary>Issue 15: rescue of a volume-backed server is refused below 2.87, as Nova refuses it.</summary>
[Collection(HostCollection.Name)]
public sealed class VolumeBackedRescueTests(HostFixture fixture)
{
    [Fact]
    public async Task A_volume_backed_rescue_below_2_87_is_a_400()
    {
        using var client = NovaClient.For(fixture.Host, $"user:p{Guid.NewGuid():N}");
        var created = await client.PostAsync(
            "/v2.1/servers",
            $$$"""{"server": {"name": "bfv", "flavorRef": "1", "block_device_mapping_v2": [{"source_type": "image", "destination_type": "volume", "uuid": "{{{NovaClient.Image}}}", "volume_size": 1, "boot_index": 0}]}}""");
        created.Status.Should().Be(HttpStatusCode.Accepted, created.Body);
        var id = created.Json["server"]!["id"]!.GetValue<string>();
        await client.WaitForStatusAsync(id, "ACTIVE");

        var rescued = await client.PostAsync($"/v2.1/servers/{id}/action", """{"rescue": null}""", "2.86");

        rescued.Status.Should().Be(HttpStatusCode.BadRequest, rescued.Body);
        rescued.Json["badRequest"]!["message"]!.GetValue<string>().Should().Be($"Instance {id} cannot be rescued: Cannot rescue a volume-backed instance");
        (await client.GetAsync($"/v2.1/servers/{id}")).Json["server"]!["status"]!.GetValue<string>().Should().Be("ACTIVE");
    }
}

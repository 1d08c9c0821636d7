using System.Net;
using OrleansCompute.Tests.Http;

namespace OrleansCompute.Tests.Operator;

/// <summary>
/// Host aggregates on a host of their own (the test moves hosts between zones): Nova's CRUD and actions, and the
/// availability zone an aggregate gives its hosts is where the scheduler places servers asking for that zone.
/// </summary>
public sealed class AggregateTests : OwnHost
{
    [Fact]
    public async Task An_aggregate_zone_is_where_servers_asking_for_it_are_placed()
    {
        using var admin = NovaClient.For(Host, "admin:admin");
        var created = await admin.PostAsync("/v2.1/os-aggregates", """{"aggregate": {"name": "rack-a", "availability_zone": "zone-a"}}""", "2.41");
        created.Status.Should().Be(HttpStatusCode.OK, created.Body);
        var aggregate = created.Json["aggregate"]!;
        aggregate["availability_zone"]!.GetValue<string>().Should().Be("zone-a");
        aggregate.AsObject().Select(p => p.Key).Should().NotContain(["hosts", "metadata"]).And.Contain("uuid");
        var id = aggregate["id"]!.GetValue<int>();
        (await admin.PostAsync("/v2.1/os-aggregates", """{"aggregate": {"name": "rack-a"}}""")).Status.Should().Be(HttpStatusCode.Conflict);
        (await admin.PostAsync("/v2.1/os-aggregates", """{"aggregate": {"name": "bad", "availability_zone": "a:b"}}""")).Status.Should().Be(HttpStatusCode.BadRequest);

        var added = await admin.PostAsync($"/v2.1/os-aggregates/{id}/action", """{"add_host": {"host": "compute-2"}}""");
        added.Status.Should().Be(HttpStatusCode.OK, added.Body);
        added.Json["aggregate"]!["hosts"]!.AsArray().Select(h => h!.GetValue<string>()).Should().Equal("compute-2");
        (await admin.PostAsync($"/v2.1/os-aggregates/{id}/action", """{"add_host": {"host": "compute-2"}}""")).Status.Should().Be(HttpStatusCode.Conflict);
        (await admin.PostAsync($"/v2.1/os-aggregates/{id}/action", """{"add_host": {"host": "nowhere"}}""")).Status.Should().Be(HttpStatusCode.NotFound);
        var metadata = await admin.PostAsync($"/v2.1/os-aggregates/{id}/action", """{"set_metadata": {"metadata": {"ssd": "true"}}}""");
        metadata.Json["aggregate"]!["metadata"]!["ssd"]!.GetValue<string>().Should().Be("true");
        metadata.Json["aggregate"]!["metadata"]!["availability_zone"]!.GetValue<string>().Should().Be("zone-a");

        foreach (var noAction in new[] { "[]", """[{"add_host": {"host": "compute-2"}}]""", "{}", "\"add_host\"" })
        {
            var refused = await admin.PostAsync($"/v2.1/os-aggregates/{id}/action", noAction, "2.26");
            refused.Status.Should().Be(HttpStatusCode.BadRequest, $"{noAction} names no action: {refused.Body}");
            refused.Json["badRequest"]!["code"]!.GetValue<int>().Should().Be(400);
        }

        var services = (await admin.GetAsync("/v2.1/os-services?host=compute-2")).Json["services"]!.AsArray();
        services.Single()!["zone"]!.GetValue<string>().Should().Be("zone-a");

        var server = await admin.CreateServerAsync("in-zone-a", """, "availability_zone": "zone-a" """);
        (await admin.WaitForStatusAsync(server, "ACTIVE"))["OS-EXT-SRV-ATTR:host"]!.GetValue<string>().Should().Be("compute-2");
        var anywhere = await admin.CreateServerAsync("in-nova", """, "availability_zone": "nova" """);
        (await admin.WaitForStatusAsync(anywhere, "ACTIVE"))["OS-EXT-SRV-ATTR:host"]!.GetValue<string>().Should().NotBe("compute-2");

        (await admin.DeleteAsync($"/v2.1/os-aggregates/{id}")).Status.Should().Be(HttpStatusCode.BadRequest, "it still has a host");
        var renamed = await admin.SendAsync(HttpMethod.Put, $"/v2.1/os-aggregates/{id}", """{"aggregate": {"name": "rack-b"}}""");
        renamed.Json["aggregate"]!["name"]!.GetValue<string>().Should().Be("rack-b");
        renamed.Json["aggregate"]!["updated_at"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        (await admin.PostAsync($"/v2.1/os-aggregates/{id}/action", """{"remove_host": {"host": "compute-2"}}""")).Status.Should().Be(HttpStatusCode.OK);
        (await admin.GetAsync("/v2.1/os-services?host=compute-2")).Json["services"]![0]!["zone"]!.GetValue<string>().Should().Be("nova");
        (await admin.DeleteAsync($"/v2.1/os-aggregates/{id}")).Status.Should().Be(HttpStatusCode.OK);
        (await admin.GetAsync($"/v2.1/os-aggregates/{id}")).Status.Should().Be(HttpStatusCode.NotFound);
        (await admin.GetAsync("/v2.1/os-aggregates/x")).Status.Should().Be(HttpStatusCode.BadRequest);

        using var member = NovaClient.For(Host, "demo:demo");
        (await member.GetAsync("/v2.1/os-aggregates")).Status.Should().Be(HttpStatusCode.Forbidden);
        (await member.PostAsync("/v2.1/os-aggregates/1/action", """{"add_host": {"host": "compute-1"}}""")).Status.Should().Be(HttpStatusCode.Forbidden);
    }
}

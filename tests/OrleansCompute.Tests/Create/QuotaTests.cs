using System.Net;
using OrleansCompute.Tests.Http;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Create;

/// <summary>Quotas over HTTP: the concurrency guarantee, Nova's message, limits, os-quota-sets, release on delete.</summary>
[Collection(CreateHostCollection.Name)]
public sealed class QuotaTests(CreateHostFixture fixture)
{
    [Fact]
    public async Task Parallel_creates_never_take_more_than_the_quota()
    {
        using var client = fixture.NewProject(out var project);
        await CreateTestBodies.SetQuotaAsync(fixture, project, "\"instances\": 3");

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => client.PostAsync("/v2.1/servers", CreateTestBodies.Server($"race-{i}"))));

        responses.Count(r => r.Status == HttpStatusCode.Accepted).Should().Be(3);
        responses.Where(r => r.Status != HttpStatusCode.Accepted).Should().OnlyContain(r => r.Status == HttpStatusCode.Forbidden);
        responses.First(r => r.Status == HttpStatusCode.Forbidden).Json["forbidden"]!["message"]!.GetValue<string>()
            .Should().Be("Quota exceeded for instances: Requested 1, but already used 3 of 3 instances");
        (await CreateTestBodies.AbsoluteLimitsAsync(client))["totalInstancesUsed"]!.GetValue<int>().Should().Be(3);
        (await client.GetAsync("/v2.1/servers")).Json["servers"]!.AsArray().Should().HaveCount(3);
    }

    [Fact]
    public async Task Cores_and_ram_count_with_the_flavor_and_are_named_in_the_message()
    {
        using var client = fixture.NewProject(out var project);
        await CreateTestBodies.SetQuotaAsync(fixture, project, "\"cores\": 3, \"ram\": 4096");
        var first = await client.PostAsync("/v2.1/servers", CreateTestBodies.Server("medium").Replace("\"flavorRef\": \"1\"", "\"flavorRef\": \"3\"", StringComparison.Ordinal));
        first.Status.Should().Be(HttpStatusCode.Accepted, first.Body);

        var second = await client.PostAsync("/v2.1/servers", CreateTestBodies.Server("medium-2").Replace("\"flavorRef\": \"1\"", "\"flavorRef\": \"3\"", StringComparison.Ordinal));
        second.Status.Should().Be(HttpStatusCode.Forbidden);
        second.Json["forbidden"]!["message"]!.GetValue<string>().Should().Be("Quota exceeded for cores, ram: Requested 2, 4096, but already used 2, 4096 of 3, 4096 cores, ram");
        var limits = await CreateTestBodies.AbsoluteLimitsAsync(client);
        limits["totalCoresUsed"]!.GetValue<int>().Should().Be(2);
        limits["totalRAMUsed"]!.GetValue<int>().Should().Be(4096);
    }

    [Fact]
    public async Task Usage_is_released_when_a_server_is_deleted()
    {
        using var client = fixture.NewProject(out var project);
        await CreateTestBodies.SetQuotaAsync(fixture, project, "\"instances\": 1");
        var id = (await client.PostAsync("/v2.1/servers", CreateTestBodies.Server("one"))).Json["server"]!["id"]!.GetValue<string>();
        (await client.PostAsync("/v2.1/servers", CreateTestBodies.Server("two"))).Status.Should().Be(HttpStatusCode.Forbidden);

        (await client.DeleteAsync($"/v2.1/servers/{id}")).Status.Should().Be(HttpStatusCode.NoContent);
        await Eventually.Until(async () => (await CreateTestBodies.AbsoluteLimitsAsync(client))["totalInstancesUsed"]!.GetValue<int>(), used => used == 0);
        (await client.PostAsync("/v2.1/servers", CreateTestBodies.Server("three"))).Status.Should().Be(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task Limits_show_the_keys_of_each_microversion()
    {
        using var client = fixture.NewProject(out _);
        var v21 = (await client.GetAsync("/v2.1/limits")).Json["limits"]!;
        v21["rate"]!.AsArray().Should().BeEmpty();
        v21["absolute"]!.AsObject().Select(p => p.Key).Should().BeEquivalentTo(
        [
            "maxImageMeta", "maxPersonality", "maxPersonalitySize", "maxSecurityGroupRules", "maxSecurityGroups", "maxServerMeta",
            "maxTotalCores", "maxTotalFloatingIps", "maxTotalInstances", "maxTotalKeypairs", "maxTotalRAMSize", "maxServerGroups",
            "maxServerGroupMembers", "totalCoresUsed", "totalInstancesUsed", "totalRAMUsed", "totalSecurityGroupsUsed",
            "totalFloatingIpsUsed", "totalServerGroupsUsed",
        ]);
        v21["absolute"]!["maxTotalInstances"]!.GetValue<int>().Should().Be(10);
        var v239 = (await client.GetAsync("/v2.1/limits", "2.39")).Json["limits"]!["absolute"]!.AsObject().Select(p => p.Key).ToList();
        v239.Should().NotContain(["maxImageMeta", "maxSecurityGroups", "maxTotalFloatingIps", "totalFloatingIpsUsed"]);
        v239.Should().Contain("maxPersonality");
    }

    [Fact]
    public async Task Another_projects_limits_need_admin()
    {
        using var client = fixture.NewProject(out var project);
        (await client.GetAsync($"/v2.1/limits?tenant_id={project}")).Status.Should().Be(HttpStatusCode.Forbidden);
        using var admin = NovaClient.For(fixture.Host, "admin:admin");
        await CreateTestBodies.SetQuotaAsync(fixture, project, "\"instances\": 7");
        (await admin.GetAsync($"/v2.1/limits?tenant_id={project}")).Json["limits"]!["absolute"]!["maxTotalInstances"]!.GetValue<int>().Should().Be(7);
    }

    [Fact]
    public async Task Quota_sets_show_update_detail_and_revert_as_Nova_does()
    {
        using var client = fixture.NewProject(out var project);
        using var admin = NovaClient.For(fixture.Host, "admin:admin");
        var shown = (await client.GetAsync($"/v2.1/os-quota-sets/{project}")).Json["quota_set"]!;
        shown["id"]!.GetValue<string>().Should().Be(project);
        shown["instances"]!.GetValue<int>().Should().Be(10);
        shown["fixed_ips"]!.GetValue<int>().Should().Be(-1);
        (await client.GetAsync("/v2.1/os-quota-sets/someone-else")).Status.Should().Be(HttpStatusCode.Forbidden);
        (await client.SendAsync(HttpMethod.Put, $"/v2.1/os-quota-sets/{project}", """{"quota_set": {"instances": 50}}""")).Status.Should().Be(HttpStatusCode.Forbidden);

        var updated = await admin.SendAsync(HttpMethod.Put, $"/v2.1/os-quota-sets/{project}", """{"quota_set": {"instances": 50, "cores": "-1"}}""", "2.36");
        updated.Status.Should().Be(HttpStatusCode.OK, updated.Body);
        updated.Json["quota_set"]!.AsObject().ContainsKey("fixed_ips").Should().BeFalse();
        updated.Json["quota_set"]!["instances"]!.GetValue<int>().Should().Be(50);
        updated.Json["quota_set"]!["cores"]!.GetValue<int>().Should().Be(-1);
        (await admin.SendAsync(HttpMethod.Put, $"/v2.1/os-quota-sets/{project}", """{"quota_set": {"fixed_ips": 5}}""", "2.36")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await admin.SendAsync(HttpMethod.Put, $"/v2.1/os-quota-sets/{project}", """{"quota_set": {"instances": -2}}""")).Status.Should().Be(HttpStatusCode.BadRequest);

        await client.PostAsync("/v2.1/servers", CreateTestBodies.Server("counted"));
        var detail = (await client.GetAsync($"/v2.1/os-quota-sets/{project}/detail")).Json["quota_set"]!;
        detail["instances"]!["in_use"]!.GetValue<int>().Should().Be(1);
        detail["instances"]!["limit"]!.GetValue<int>().Should().Be(50);
        detail["instances"]!["reserved"]!.GetValue<int>().Should().Be(0);
        var below = await admin.SendAsync(HttpMethod.Put, $"/v2.1/os-quota-sets/{project}", """{"quota_set": {"instances": 0}}""");
        below.Status.Should().Be(HttpStatusCode.BadRequest);
        below.Json["badRequest"]!["message"]!.GetValue<string>().Should().Contain("must be greater than or equal to already used and reserved 1");

        (await admin.DeleteAsync($"/v2.1/os-quota-sets/{project}")).Status.Should().Be(HttpStatusCode.Accepted);
        (await client.GetAsync($"/v2.1/os-quota-sets/{project}/defaults")).Json["quota_set"]!["instances"]!.GetValue<int>().Should().Be(10);
        (await client.GetAsync($"/v2.1/os-quota-sets/{project}")).Json["quota_set"]!["instances"]!.GetValue<int>().Should().Be(10);
    }
}

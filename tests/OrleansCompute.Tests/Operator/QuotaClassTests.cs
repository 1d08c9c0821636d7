using System.Net;
using OrleansCompute.Tests.Http;

namespace OrleansCompute.Tests.Operator;

/// <summary>
/// os-quota-class-sets: the keys per microversion (2.50, 2.57), and the class <c>default</c> feeding every
/// project's defaults, quota sets and enforcement. A host of its own: the test changes every project's defaults.
/// </summary>
public sealed class QuotaClassTests : OwnHost
{
    [Fact]
    public async Task The_default_class_sets_the_defaults_of_every_project()
    {
        using var admin = NovaClient.For(Host, "admin:admin");
        var old = (await admin.GetAsync("/v2.1/os-quota-class-sets/default")).Json["quota_class_set"]!.AsObject();
        old["id"]!.GetValue<string>().Should().Be("default");
        old["fixed_ips"]!.GetValue<int>().Should().Be(-1);
        old["injected_files"]!.GetValue<int>().Should().Be(5);
        old["instances"]!.GetValue<int>().Should().Be(10);
        old.ContainsKey("server_groups").Should().BeFalse("server-group keys are shown from 2.50");
        var at250 = (await admin.GetAsync("/v2.1/os-quota-class-sets/default", "2.50")).Json["quota_class_set"]!.AsObject();
        at250.ContainsKey("server_groups").Should().BeTrue();
        at250.ContainsKey("fixed_ips").Should().BeFalse();
        at250.ContainsKey("injected_files").Should().BeTrue();
        (await admin.GetAsync("/v2.1/os-quota-class-sets/default", "2.57")).Json["quota_class_set"]!.AsObject().ContainsKey("injected_files").Should().BeFalse();

        var updated = await admin.SendAsync(HttpMethod.Put, "/v2.1/os-quota-class-sets/default", """{"quota_class_set": {"instances": 2, "cores": "7"}}""", "2.57");
        updated.Status.Should().Be(HttpStatusCode.OK, updated.Body);
        var set = updated.Json["quota_class_set"]!.AsObject();
        set.ContainsKey("id").Should().BeFalse();
        set["instances"]!.GetValue<int>().Should().Be(2);
        set["cores"]!.GetValue<int>().Should().Be(7);

        // Every project without limits of its own takes them: defaults, show, detail, and the create's quota check.
        (await admin.GetAsync("/v2.1/os-quota-sets/fresh/defaults")).Json["quota_set"]!["instances"]!.GetValue<int>().Should().Be(2);
        using var member = NovaClient.For(Host, "demo:fresh");
        (await member.GetAsync("/v2.1/os-quota-sets/fresh")).Json["quota_set"]!["cores"]!.GetValue<int>().Should().Be(7);
        (await member.GetAsync("/v2.1/os-quota-sets/fresh/detail")).Json["quota_set"]!["instances"]!["limit"]!.GetValue<int>().Should().Be(2);
        var tooMany = await member.PostAsync("/v2.1/servers",
            $$$"""{"server": {"name": "many", "flavorRef": "1", "imageRef": "{{{NovaClient.Image}}}", "min_count": 3}}""");
        tooMany.Status.Should().Be(HttpStatusCode.Forbidden, tooMany.Body);
        tooMany.Body.Should().Contain("instances");

        // Keys per version: network keys only below 2.50 (server-group keys accepted there, not shown), injected_* below 2.57.
        var legacy = await admin.SendAsync(HttpMethod.Put, "/v2.1/os-quota-class-sets/gold", """{"quota_class_set": {"fixed_ips": 4, "server_groups": 3}}""");
        legacy.Status.Should().Be(HttpStatusCode.OK, legacy.Body);
        legacy.Json["quota_class_set"]!["fixed_ips"]!.GetValue<int>().Should().Be(4);
        legacy.Json["quota_class_set"]!.AsObject().ContainsKey("server_groups").Should().BeFalse();
        (await admin.GetAsync("/v2.1/os-quota-class-sets/gold", "2.50")).Json["quota_class_set"]!["server_groups"]!.GetValue<int>().Should().Be(3);
        (await admin.SendAsync(HttpMethod.Put, "/v2.1/os-quota-class-sets/gold", """{"quota_class_set": {"fixed_ips": 4}}""", "2.50")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await admin.SendAsync(HttpMethod.Put, "/v2.1/os-quota-class-sets/gold", """{"quota_class_set": {"injected_files": 4}}""", "2.57")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await admin.SendAsync(HttpMethod.Put, "/v2.1/os-quota-class-sets/gold", """{"quota_class_set": {"cores": -2}}""")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await admin.SendAsync(HttpMethod.Put, "/v2.1/os-quota-class-sets/gold", """{"quota_class_set": {"cores": "many"}}""")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await admin.SendAsync(HttpMethod.Put, "/v2.1/os-quota-class-sets/gold", """{"quota_set": {}}""")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await admin.GetAsync("/v2.1/os-quota-sets/fresh/defaults")).Json["quota_set"]!["instances"]!.GetValue<int>().Should().Be(2, "only the class default counts");

        (await member.GetAsync("/v2.1/os-quota-class-sets/default")).Status.Should().Be(HttpStatusCode.Forbidden);
        (await member.SendAsync(HttpMethod.Put, "/v2.1/os-quota-class-sets/default", """{"quota_class_set": {"instances": 50}}""")).Status.Should().Be(HttpStatusCode.Forbidden);
    }
}

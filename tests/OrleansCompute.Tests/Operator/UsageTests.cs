using System.Globalization;
using System.Net;
using OrleansCompute.Tests.Http;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Operator;

/// <summary>
/// os-simple-tenant-usage from server lifetimes: a running and a deleted server both count in a period that
/// covers them, with their flavor's size; paging (2.40), the query's rules and the policy. A host of its own,
/// so the project's servers are only this test's.
/// </summary>
public sealed class UsageTests : OwnHost
{
    [Fact]
    public async Task Usage_counts_running_and_deleted_servers_of_the_period()
    {
        using var member = NovaClient.For(Host, "demo:usage");
        using var admin = NovaClient.For(Host, "admin:admin");
        var start = DateTime.UtcNow.AddMinutes(-5).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        var running = await member.CreateServerAsync("running");
        var deleted = await member.CreateServerAsync("deleted");
        await member.WaitForStatusAsync(running, "ACTIVE");
        await member.WaitForStatusAsync(deleted, "ACTIVE");
        (await member.DeleteAsync($"/v2.1/servers/{deleted}")).Status.Should().Be(HttpStatusCode.NoContent);
        await Eventually.Until(async () => (await member.GetAsync($"/v2.1/servers/{deleted}")).Status, s => s == HttpStatusCode.NotFound, because: "the server should be deleted");

        var shown = await member.GetAsync($"/v2.1/os-simple-tenant-usage/usage?start={start}");
        shown.Status.Should().Be(HttpStatusCode.OK, shown.Body);
        var usage = shown.Json["tenant_usage"]!;
        usage["tenant_id"]!.GetValue<string>().Should().Be("usage");
        var servers = usage["server_usages"]!.AsArray();
        servers.Select(s => s!["instance_id"]!.GetValue<string>()).Should().BeEquivalentTo([running, deleted]);
        var ended = servers.Single(s => s!["instance_id"]!.GetValue<string>() == deleted)!;
        ended["state"]!.GetValue<string>().Should().Be("terminated");
        ended["ended_at"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        var up = servers.Single(s => s!["instance_id"]!.GetValue<string>() == running)!;
        up["state"]!.GetValue<string>().Should().Be("active");
        up["ended_at"].Should().BeNull();
        up["flavor"]!.GetValue<string>().Should().Be("m1.tiny");
        up["local_gb"]!.GetValue<int>().Should().Be(1);
        var hours = servers.Sum(s => s!["hours"]!.GetValue<double>());
        hours.Should().BeGreaterThan(0).And.BeLessThan(5.0 / 60, "both servers started within the period's last five minutes");
        usage["total_hours"]!.GetValue<double>().Should().BeApproximately(hours, 1e-6);
        usage["total_memory_mb_usage"]!.GetValue<double>().Should().BeApproximately(hours * 512, 1e-3);
        usage["total_vcpus_usage"]!.GetValue<double>().Should().BeApproximately(hours, 1e-6);

        // A period before both servers: nothing; bad periods and queries: 400.
        (await member.GetAsync("/v2.1/os-simple-tenant-usage/usage?start=2001-01-01T00:00:00&end=2001-01-02T00:00:00.5")).Json["tenant_usage"]!.AsObject().Should().BeEmpty();
        (await member.GetAsync("/v2.1/os-simple-tenant-usage/usage?start=yesterday")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await member.GetAsync("/v2.1/os-simple-tenant-usage/usage?start=2030-01-02T00:00:00&end=2030-01-01T00:00:00")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await member.GetAsync("/v2.1/os-simple-tenant-usage/usage?bogus=1", "2.75")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await member.GetAsync("/v2.1/os-simple-tenant-usage/usage?bogus=1", "2.74")).Status.Should().Be(HttpStatusCode.OK);

        // Every project (admin): totals only unless detailed; pages of servers from 2.40.
        var all = (await admin.GetAsync($"/v2.1/os-simple-tenant-usage?start={start}")).Json["tenant_usages"]!.AsArray();
        var project = all.Single(u => u!["tenant_id"]!.GetValue<string>() == "usage")!;
        project.AsObject().ContainsKey("server_usages").Should().BeFalse();
        project["total_hours"]!.GetValue<double>().Should().BeGreaterThanOrEqualTo(hours);
        var page = (await admin.GetAsync($"/v2.1/os-simple-tenant-usage/usage?start={start}&limit=1", "2.40")).Json;
        page["tenant_usage"]!["server_usages"]!.AsArray().Should().HaveCount(1);
        var next = page["tenant_usage_links"]![0]!["href"]!.GetValue<string>();
        var marker = page["tenant_usage"]!["server_usages"]![0]!["instance_id"]!.GetValue<string>();
        next.Should().Contain("marker=" + marker);
        var second = (await admin.GetAsync($"/v2.1/os-simple-tenant-usage/usage?start={start}&limit=1&marker={marker}", "2.40")).Json;
        second["tenant_usage"]!["server_usages"]![0]!["instance_id"]!.GetValue<string>().Should().NotBe(marker);
        (await admin.GetAsync($"/v2.1/os-simple-tenant-usage?start={start}&detailed=1", "2.40")).Json["tenant_usages"]!.AsArray()
            .Single(u => u!["tenant_id"]!.GetValue<string>() == "usage")!["server_usages"]!.AsArray().Should().HaveCount(2);

        (await member.GetAsync("/v2.1/os-simple-tenant-usage")).Status.Should().Be(HttpStatusCode.Forbidden);
        (await member.GetAsync("/v2.1/os-simple-tenant-usage/admin")).Status.Should().Be(HttpStatusCode.Forbidden);
    }
}

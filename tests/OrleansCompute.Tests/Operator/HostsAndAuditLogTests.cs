using System.Net;
using OrleansCompute.Tests.Http;

namespace OrleansCompute.Tests.Operator;

/// <summary>The old os-hosts (below 2.43) and os-instance_usage_audit_log on the shared host: reads and the acknowledged driver calls.</summary>
[Collection(HostCollection.Name)]
public sealed class HostsAndAuditLogTests(HostFixture fixture)
{
    [Fact]
    public async Task Os_hosts_lists_shows_and_acknowledges_until_2_43()
    {
        using var admin = NovaClient.For(fixture.Host, "admin:admin");
        var hosts = (await admin.GetAsync("/v2.1/os-hosts")).Json["hosts"]!.AsArray();
        hosts.Select(h => h!["host_name"]!.GetValue<string>()).Should().Contain("compute-1");
        hosts.Should().OnlyContain(h => h!["service"]!.GetValue<string>() == "compute");
        (await admin.GetAsync("/v2.1/os-hosts?zone=no-such-zone")).Json["hosts"]!.AsArray().Should().BeEmpty();

        var rows = (await admin.GetAsync("/v2.1/os-hosts/compute-1")).Json["host"]!.AsArray().Select(r => r!["resource"]!).ToList();
        rows.Take(3).Select(r => r["project"]!.GetValue<string>()).Should().Equal("(total)", "(used_now)", "(used_max)");
        rows[0]["cpu"]!.GetValue<int>().Should().BeGreaterThan(0);
        (await admin.GetAsync("/v2.1/os-hosts/nowhere")).Status.Should().Be(HttpStatusCode.NotFound);

        var update = await admin.SendAsync(HttpMethod.Put, "/v2.1/os-hosts/compute-1", """{"status": "Enable", "maintenance_mode": "disable"}""");
        update.Status.Should().Be(HttpStatusCode.OK, update.Body);
        update.Json["status"]!.GetValue<string>().Should().Be("enabled");
        update.Json["maintenance_mode"]!.GetValue<string>().Should().Be("off_maintenance");
        (await admin.SendAsync(HttpMethod.Put, "/v2.1/os-hosts/compute-1", "{}")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await admin.SendAsync(HttpMethod.Put, "/v2.1/os-hosts/compute-1", """{"status": "maybe"}""")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await admin.GetAsync("/v2.1/os-hosts/compute-1/reboot")).Json["power_action"]!.GetValue<string>().Should().Be("reboot");
        (await admin.GetAsync("/v2.1/os-hosts", "2.43")).Status.Should().Be(HttpStatusCode.NotFound);

        using var member = NovaClient.For(fixture.Host, "demo:demo");
        (await member.GetAsync("/v2.1/os-hosts")).Status.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_audit_log_reports_the_last_completed_month_with_no_host_run()
    {
        using var admin = NovaClient.For(fixture.Host, "admin:admin");
        var log = (await admin.GetAsync("/v2.1/os-instance_usage_audit_log/2026-03-15%2010:00:00")).Json["instance_usage_audit_log"]!;
        log["period_beginning"]!.GetValue<string>().Should().Be("2026-02-01 00:00:00");
        log["period_ending"]!.GetValue<string>().Should().Be("2026-03-01 00:00:00");
        var hosts = log["num_hosts"]!.GetValue<int>();
        hosts.Should().BeGreaterThan(0);
        log["num_hosts_not_run"]!.GetValue<int>().Should().Be(hosts);
        log["overall_status"]!.GetValue<string>().Should().Be($"0 of {hosts} hosts done. 0 errors.");
        (await admin.GetAsync("/v2.1/os-instance_usage_audit_log/2026-01-01%2000:00:00")).Json["instance_usage_audit_log"]!["period_beginning"]!
            .GetValue<string>().Should().Be("2025-11-01 00:00:00", "a month is complete only after its last instant");
        (await admin.GetAsync("/v2.1/os-instance_usage_audit_log")).Json["instance_usage_audit_logs"]!["total_instances"]!.GetValue<int>().Should().Be(0);
        (await admin.GetAsync("/v2.1/os-instance_usage_audit_log/yesterday")).Status.Should().Be(HttpStatusCode.BadRequest);
    }
}

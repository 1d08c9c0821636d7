using System.Net;
using OrleansCompute.Tests.Http;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Identity;

/// <summary>
/// A policy file that hands admin-only rules to project members reaches every place Nova governs by policy: the
/// view's extended attributes (per server project, as Nova's view builder checks them), the list's filters and
/// all_tenants (index and detail separately), create's requested destination, and an admin action the grain
/// runs (shelveOffload) — not only the route-level checks.
/// </summary>
public sealed class PolicyOverrideTests(PolicyOverrideHostFixture fixture) : IClassFixture<PolicyOverrideHostFixture>
{
    private const string Version = "2.74";

    private HostProcess Host => fixture.Host;

    [Fact]
    public async Task A_member_granted_admin_rules_uses_them_and_sees_extended_attributes_of_its_own_project_only()
    {
        using var demo = NovaClient.For(Host, "demo:demo");
        using var alt = NovaClient.For(Host, "alt:alt");

        // requested_destination (2.74 host on create) is now a member's right, and the build lands there.
        var own = await demo.CreateServerAsync("pinned", """, "host": "compute-2" """, Version);
        await demo.WaitForStatusAsync(own, "ACTIVE", Version);
        var other = await alt.CreateServerAsync("elsewhere", null, Version);
        await alt.WaitForStatusAsync(other, "ACTIVE", Version);

        var shown = (await demo.GetAsync($"/v2.1/servers/{own}", Version)).Json["server"]!;
        shown["OS-EXT-SRV-ATTR:host"]!.GetValue<string>().Should().Be("compute-2");
        shown["OS-EXT-SRV-ATTR:reservation_id"]!.GetValue<string>().Should().StartWith("r-");
        shown["host_status"].Should().BeNull("host_status keeps its own admin-only rule");

        // detail:get_all_tenants granted, index:get_all_tenants not: Nova checks the endpoint's own rule.
        var index = await demo.GetAsync("/v2.1/servers?all_tenants=1", Version);
        index.Status.Should().Be(HttpStatusCode.Forbidden);
        index.Json["forbidden"]!["message"]!.GetValue<string>().Should().Contain("os_compute_api:servers:index:get_all_tenants");
        var detail = await demo.GetAsync("/v2.1/servers/detail?all_tenants=1", Version);
        detail.Status.Should().Be(HttpStatusCode.OK);
        var servers = detail.Json["servers"]!.AsArray();
        var mine = servers.Single(s => s!["id"]!.GetValue<string>() == own)!;
        var theirs = servers.Single(s => s!["id"]!.GetValue<string>() == other)!;
        mine["OS-EXT-SRV-ATTR:host"]!.GetValue<string>().Should().Be("compute-2");
        theirs.AsObject().ContainsKey("OS-EXT-SRV-ATTR:host").Should().BeFalse("the rule is checked with each server's project as the target");

        // allow_all_filters: the admin-only host filter is honoured for this member, not silently dropped.
        var onHost = (await demo.GetAsync("/v2.1/servers/detail?all_tenants=1&host=compute-2", Version)).Json["servers"]!.AsArray();
        onHost.Should().NotBeEmpty();
        onHost.Select(s => s!["OS-EXT-SRV-ATTR:host"]?.GetValue<string>()).Should().OnlyContain(h => h == null || h == "compute-2");
        onHost.Select(s => s!["id"]!.GetValue<string>()).Should().Contain(own);
        var altOnNoHost = (await alt.GetAsync("/v2.1/servers/detail?host=no-such-host", Version)).Json["servers"]!.AsArray();
        altOnNoHost.Should().BeEmpty("the filter is honoured for any project member under this policy, so nothing matches a host that does not exist");
    }

    [Fact]
    public async Task An_admin_action_granted_to_members_runs_in_the_grain_and_a_rule_left_admin_only_still_refuses()
    {
        using var demo = NovaClient.For(Host, "demo:demo");
        var id = await demo.CreateServerAsync("offloaded", null, Version);
        await demo.WaitForStatusAsync(id, "ACTIVE", Version);
        (await demo.PostAsync($"/v2.1/servers/{id}/action", """{"shelve": null}""", Version)).Status.Should().Be(HttpStatusCode.Accepted);
        await demo.WaitForStatusAsync(id, "SHELVED", Version);

        var offload = await demo.PostAsync($"/v2.1/servers/{id}/action", """{"shelveOffload": null}""", Version);
        offload.Status.Should().Be(HttpStatusCode.Accepted, offload.ToString());
        await demo.WaitForStatusAsync(id, "SHELVED_OFFLOADED", Version);

        var resetState = await demo.PostAsync($"/v2.1/servers/{id}/action", """{"os-resetState": {"state": "active"}}""", Version);
        resetState.Status.Should().Be(HttpStatusCode.Forbidden);
        resetState.Json["forbidden"]!["message"]!.GetValue<string>().Should().Contain("os_compute_api:os-admin-actions:reset_state");
    }
}

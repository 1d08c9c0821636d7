using OrleansCompute.Api.Policy;
using OrleansCompute.Faults;
using OrleansCompute.Identity;

namespace OrleansCompute.Tests.Unit;

public sealed class ComputePolicyTests
{
    private static CallerContext Caller(string project, params string[] roles) =>
        new() { UserId = "u-" + project, ProjectId = project, Roles = roles, RequestId = "req" };

    private static readonly ComputePolicy Defaults = new(new Dictionary<string, string>());

    [Theory]
    [InlineData(ComputePolicies.ServersIndex, true, true, true)]
    [InlineData(ComputePolicies.ServersShow, true, true, true)]
    [InlineData(ComputePolicies.ServersCreate, true, false, true)]
    [InlineData(ComputePolicies.ServersDelete, true, false, true)]
    [InlineData(ComputePolicies.Lock, true, false, true)]
    [InlineData(ComputePolicies.ServersIndexAllTenants, false, false, true)]
    [InlineData(ComputePolicies.ServersAllowAllFilters, false, false, true)]
    [InlineData(ComputePolicies.ExtendedServerAttributes, false, false, true)]
    [InlineData(ComputePolicies.ShelveOffload, false, false, true)]
    [InlineData(ComputePolicies.UnlockOverride, false, false, true)]
    [InlineData(ComputePolicies.Limits, true, true, true)]
    public void Nova_s_defaults_for_member_reader_and_admin(string rule, bool member, bool reader, bool admin)
    {
        Defaults.IsAllowed(Caller("p1", "member", "reader"), rule).Should().Be(member);
        Defaults.IsAllowed(Caller("p1", "reader"), rule).Should().Be(reader);
        Defaults.IsAllowed(Caller("admin", "admin", "member", "reader"), rule).Should().Be(admin);
    }

    [Fact]
    public void Project_rules_compare_the_caller_s_project_with_the_target_s()
    {
        var member = Caller("p1", "member", "reader");
        Defaults.IsAllowed(member, ComputePolicies.ServersDelete, new PolicyTarget("p1", null)).Should().BeTrue();
        Defaults.IsAllowed(member, ComputePolicies.ServersDelete, new PolicyTarget("p2", null)).Should().BeFalse();
        Defaults.IsAllowed(Caller("admin", "admin"), ComputePolicies.ServersDelete, new PolicyTarget("p2", null)).Should().BeTrue();
    }

    [Fact]
    public void Key_pairs_belong_to_the_user_and_server_groups_need_a_member_even_for_an_admin()
    {
        var user = Caller("p1", "member", "reader");
        Defaults.IsAllowed(user, ComputePolicies.KeypairsCreate, new PolicyTarget("p1", "u-p1")).Should().BeTrue();
        Defaults.IsAllowed(user, ComputePolicies.KeypairsCreate, new PolicyTarget("p1", "someone-else")).Should().BeFalse();
        Defaults.IsAllowed(Caller("p1", "admin"), ComputePolicies.ServerGroupsCreate).Should().BeFalse();
        Defaults.IsAllowed(Caller("p1", "admin", "member"), ComputePolicies.ServerGroupsCreate).Should().BeTrue();
    }

    [Fact]
    public void Quota_rules_check_the_requested_project()
    {
        var member = Caller("p1", "member", "reader");
        Defaults.IsAllowed(member, "os_compute_api:os-quota-sets:show", new PolicyTarget("p1", null)).Should().BeTrue();
        Defaults.IsAllowed(member, "os_compute_api:os-quota-sets:show", new PolicyTarget("p2", null)).Should().BeFalse();
        Defaults.IsAllowed(member, "os_compute_api:os-quota-sets:defaults", new PolicyTarget("p2", null)).Should().BeTrue();
        Defaults.IsAllowed(member, "os_compute_api:os-quota-sets:update", new PolicyTarget("p1", null)).Should().BeFalse();
    }

    [Fact]
    public void A_denial_is_Nova_s_403()
    {
        var act = () => Defaults.Authorize(Caller("p1", "reader"), ComputePolicies.ServersCreate);
        act.Should().Throw<ComputeFaultException>().Which.Should().Match<ComputeFaultException>(e =>
            e.StatusCode == 403 && e.Message == "Policy doesn't allow os_compute_api:servers:create to be performed.");
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("@", true)]
    [InlineData("!", false)]
    [InlineData("role:reader", true)]
    [InlineData("role:READER", true)]
    [InlineData("not role:reader", false)]
    [InlineData("role:admin or role:reader", true)]
    [InlineData("role:admin and role:reader", false)]
    [InlineData("(role:admin or role:reader) and project_id:%(project_id)s", true)]
    [InlineData("role:admin or (role:reader and project_id:other)", false)]
    [InlineData("is_admin:True", false)]
    [InlineData("is_admin:False", true)]
    [InlineData("user_id:%(user_id)s", true)]
    [InlineData("'p1':%(project_id)s", true)]
    [InlineData("rule:no_such_rule", false)]
    [InlineData("rule:project_reader_api", true)]
    public void The_check_string_language(string check, bool allowed)
    {
        var policy = new ComputePolicy(new Dictionary<string, string> { [ComputePolicies.ServersIndex] = check });
        policy.IsAllowed(Caller("p1", "reader"), ComputePolicies.ServersIndex).Should().Be(allowed);
    }

    [Theory]
    [InlineData("role:admin or")]
    [InlineData("(role:admin")]
    [InlineData("role:admin)")]
    [InlineData("admin")]
    public void Bad_syntax_is_an_error_at_load(string check)
    {
        var act = () => new ComputePolicy(new Dictionary<string, string> { [ComputePolicies.ServersIndex] = check });
        act.Should().Throw<FormatException>().WithMessage($"*{ComputePolicies.ServersIndex}*");
    }

    [Fact]
    public void An_unregistered_rule_is_a_bug()
    {
        var act = () => Defaults.IsAllowed(Caller("p1"), "os_compute_api:nothing");
        act.Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void A_yaml_policy_file_overrides_defaults_and_json_reads_too()
    {
        var yaml = Path.GetTempFileName();
        var json = Path.GetTempFileName();
        try
        {
            File.WriteAllText(yaml, "# comments are fine\n\"os_compute_api:servers:create\": \"role:admin\"\nos_compute_api:servers:index: ''\n");
            File.WriteAllText(json, """{"os_compute_api:servers:delete": "!"}""");
            var fromYaml = new ComputePolicy(Microsoft.Extensions.Options.Options.Create(new ComputePolicyOptions { File = yaml }));
            fromYaml.IsAllowed(Caller("p1", "member", "reader"), ComputePolicies.ServersCreate).Should().BeFalse();
            fromYaml.IsAllowed(Caller("p1"), ComputePolicies.ServersIndex).Should().BeTrue("an empty rule allows everyone");
            fromYaml.IsAllowed(Caller("p1", "member", "reader"), ComputePolicies.ServersDelete).Should().BeTrue("rules the file does not name keep their default");
            var fromJson = new ComputePolicy(Microsoft.Extensions.Options.Options.Create(new ComputePolicyOptions { File = json }));
            fromJson.IsAllowed(Caller("admin", "admin"), ComputePolicies.ServersDelete).Should().BeFalse();
        }
        finally
        {
            File.Delete(yaml);
            File.Delete(json);
        }
    }

    [Fact]
    public void A_missing_policy_file_stops_the_host()
    {
        var act = () => new ComputePolicy(Microsoft.Extensions.Options.Options.Create(new ComputePolicyOptions { File = "/nonexistent/policy.yaml" }));
        act.Should().Throw<FileNotFoundException>();
    }

    [Fact]
    public void Every_action_maps_to_a_registered_rule()
    {
        foreach (var action in ServerActionPolicies.Actions)
        {
            var act = () => Defaults.IsAllowed(Caller("p1", "member"), ServerActionPolicies.RuleFor(action)!);
            act.Should().NotThrow(action);
        }
    }
}

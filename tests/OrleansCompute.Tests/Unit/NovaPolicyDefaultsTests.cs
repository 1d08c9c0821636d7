using System.Reflection;
using OrleansCompute.Api.Policy;
using OrleansCompute.Identity;
using OrleansCompute.Servers.Lifecycle;
using OrleansCompute.Servers.Actions;
using P = OrleansCompute.Policy.ComputePolicies;

namespace OrleansCompute.Tests.Unit;

/// <summary>
/// Every rule name the code uses (<c>ComputePolicies</c>) against whom Nova's default lets in
/// (<c>nova/policies/*.py</c>, summarised in the reference's "Roles (default policy)"), written out here
/// independently of <c>NovaPolicyDefaults</c>: admin, a project manager, member and reader of the target project,
/// and a manager of another project. Tokens carry Keystone's implied roles (admin ⇒ manager ⇒ member ⇒ reader).
/// </summary>
public sealed class NovaPolicyDefaultsTests
{
    private const string Project = "p1";

    /// <summary>Who passes a default, from the strongest requirement to none.</summary>
    public enum Grant
    {
        Admin,
        ProjectManager,
        ProjectMember,

        /// <summary><c>rule:project_member_api</c> without the admin bypass (server groups: the admin passes only as a member).</summary>
        ProjectMemberOnly,
        ProjectReader,

        /// <summary>Key pairs: the owning user, or admin.</summary>
        OwnerUser,
        Anyone,
    }

    private static readonly Dictionary<string, CallerContext> Personas = new()
    {
        ["admin"] = Caller("u-admin", Project, "admin", "manager", "member", "reader"),
        ["manager"] = Caller("u-manager", Project, "manager", "member", "reader"),
        ["member"] = Caller("u-member", Project, "member", "reader"),
        ["reader"] = Caller("u-reader", Project, "reader"),
        ["other-project"] = Caller("u-other", "p2", "manager", "member", "reader"),
    };

    private static readonly Dictionary<Grant, string[]> Granted = new()
    {
        [Grant.Admin] = ["admin"],
        [Grant.ProjectManager] = ["admin", "manager"],
        [Grant.ProjectMember] = ["admin", "manager", "member"],
        [Grant.ProjectMemberOnly] = ["admin", "manager", "member"],
        [Grant.ProjectReader] = ["admin", "manager", "member", "reader"],
        [Grant.OwnerUser] = ["admin", "member"],
        [Grant.Anyone] = ["admin", "manager", "member", "reader", "other-project"],
    };

    private static readonly Dictionary<string, Grant> Nova = new(StringComparer.Ordinal)
    {
        [P.ServersIndex] = Grant.ProjectReader, [P.ServersDetail] = Grant.ProjectReader, [P.ServersShow] = Grant.ProjectReader,
        [P.ServersShowFlavorExtraSpecs] = Grant.ProjectReader,
        [P.ServersIndexAllTenants] = Grant.Admin, [P.ServersDetailAllTenants] = Grant.Admin, [P.ServersAllowAllFilters] = Grant.Admin,
        [P.ServersShowHostStatus] = Grant.Admin, [P.ServersCreateForcedHost] = Grant.Admin, [P.ServersCreateRequestedDestination] = Grant.Admin,
        [P.ServersCreateZeroDiskFlavor] = Grant.Admin, [P.ExtendedServerAttributes] = Grant.Admin,
        [P.ServersCreate] = Grant.ProjectMember, [P.ServersDelete] = Grant.ProjectMember, [P.ServersUpdate] = Grant.ProjectMember,
        [P.ServersReboot] = Grant.ProjectMember, [P.ServersStart] = Grant.ProjectMember, [P.ServersStop] = Grant.ProjectMember,
        [P.ServersRebuild] = Grant.ProjectMember, [P.ServersResize] = Grant.ProjectMember, [P.ServersConfirmResize] = Grant.ProjectMember,
        [P.ServersRevertResize] = Grant.ProjectMember, [P.ServersCreateImage] = Grant.ProjectMember, [P.ServersTriggerCrashDump] = Grant.ProjectMember,
        [P.Pause] = Grant.ProjectMember, [P.Unpause] = Grant.ProjectMember, [P.Suspend] = Grant.ProjectMember, [P.Resume] = Grant.ProjectMember,
        [P.Shelve] = Grant.ProjectMember, [P.Unshelve] = Grant.ProjectMember, [P.ShelveOffload] = Grant.Admin, [P.UnshelveToHost] = Grant.Admin,
        [P.Lock] = Grant.ProjectMember, [P.Unlock] = Grant.ProjectMember, [P.UnlockOverride] = Grant.Admin,
        [P.CreateBackup] = Grant.ProjectMember, [P.ChangePassword] = Grant.ProjectMember, [P.Rescue] = Grant.ProjectMember, [P.Unrescue] = Grant.ProjectMember,
        [P.ResetState] = Grant.Admin, [P.InjectNetworkInfo] = Grant.Admin, [P.ResetNetwork] = Grant.Admin,
        [P.ForceDelete] = Grant.ProjectMember, [P.Restore] = Grant.ProjectMember,
        [P.ConsoleOutput] = Grant.ProjectMember, [P.RemoteConsoles] = Grant.ProjectMember, [P.ConsoleAuthTokens] = Grant.Admin, [P.ServerExternalEventsCreate] = Grant.Admin,
        [P.Migrate] = Grant.ProjectManager, [P.LiveMigrate] = Grant.ProjectManager, [P.MigrateToHost] = Grant.Admin, [P.LiveMigrateToHost] = Grant.Admin,
        [P.Evacuate] = Grant.Admin,
        [P.AssistedVolumeSnapshotsCreate] = Grant.Admin, [P.AssistedVolumeSnapshotsDelete] = Grant.Admin,
        [P.AddSecurityGroup] = Grant.ProjectMember, [P.RemoveSecurityGroup] = Grant.ProjectMember,
        [P.InterfacesList] = Grant.ProjectReader, [P.InterfacesShow] = Grant.ProjectReader, [P.InterfacesCreate] = Grant.ProjectMember, [P.InterfacesDelete] = Grant.ProjectMember,
        [P.MetadataIndex] = Grant.ProjectReader, [P.MetadataShow] = Grant.ProjectReader, [P.MetadataCreate] = Grant.ProjectMember,
        [P.MetadataUpdateAll] = Grant.ProjectMember, [P.MetadataUpdate] = Grant.ProjectMember, [P.MetadataDelete] = Grant.ProjectMember,
        [P.TagsIndex] = Grant.ProjectReader, [P.TagsShow] = Grant.ProjectReader, [P.TagsUpdate] = Grant.ProjectMember,
        [P.TagsUpdateAll] = Grant.ProjectMember, [P.TagsDelete] = Grant.ProjectMember, [P.TagsDeleteAll] = Grant.ProjectMember,
        [P.IpsIndex] = Grant.ProjectReader, [P.IpsShow] = Grant.ProjectReader,
        [P.ServerPasswordShow] = Grant.ProjectReader, [P.ServerPasswordClear] = Grant.ProjectMember,
        [P.ServerDiagnostics] = Grant.Admin, [P.ServerTopology] = Grant.ProjectReader, [P.ServerTopologyHost] = Grant.Admin,
        [P.InstanceActionsList] = Grant.ProjectReader, [P.InstanceActionsShow] = Grant.ProjectReader,
        [P.InstanceActionEvents] = Grant.Admin, [P.InstanceActionEventDetails] = Grant.ProjectReader,
        [P.KeypairsIndex] = Grant.OwnerUser, [P.KeypairsCreate] = Grant.OwnerUser, [P.KeypairsDelete] = Grant.OwnerUser, [P.KeypairsShow] = Grant.OwnerUser,
        [P.ServerGroupsCreate] = Grant.ProjectMemberOnly, [P.ServerGroupsDelete] = Grant.ProjectMember, [P.ServerGroupsIndex] = Grant.ProjectReader,
        [P.ServerGroupsShow] = Grant.ProjectReader, [P.ServerGroupsIndexAllProjects] = Grant.Admin,
        [P.Limits] = Grant.Anyone, [P.LimitsOtherProject] = Grant.Admin, [P.Extensions] = Grant.Anyone,
        [P.QuotaSetsShow] = Grant.ProjectReader, [P.QuotaSetsDetail] = Grant.ProjectReader, [P.QuotaSetsDefaults] = Grant.Anyone,
        [P.QuotaSetsUpdate] = Grant.Admin, [P.QuotaSetsDelete] = Grant.Admin,
        [P.FlavorExtraSpecsIndex] = Grant.ProjectReader, [P.FlavorExtraSpecsShow] = Grant.ProjectReader,
        [P.AvailabilityZoneList] = Grant.Anyone, [P.AvailabilityZoneDetail] = Grant.Admin,
        // The operator's API: every rule is admin only (nova/policies: flavor_manage, flavor_access, flavor_extra_specs,
        // services, hypervisors, aggregates).
        [P.FlavorCreate] = Grant.Admin, [P.FlavorUpdate] = Grant.Admin, [P.FlavorDelete] = Grant.Admin,
        [P.FlavorAccessList] = Grant.Admin, [P.FlavorAccessAdd] = Grant.Admin, [P.FlavorAccessRemove] = Grant.Admin,
        [P.ExtraSpecsCreate] = Grant.Admin, [P.ExtraSpecsUpdate] = Grant.Admin, [P.ExtraSpecsDelete] = Grant.Admin,
        [P.ServicesList] = Grant.Admin, [P.ServicesUpdate] = Grant.Admin, [P.ServicesDelete] = Grant.Admin,
        [P.HypervisorsList] = Grant.Admin, [P.HypervisorsListDetail] = Grant.Admin, [P.HypervisorsShow] = Grant.Admin,
        [P.HypervisorsStatistics] = Grant.Admin, [P.HypervisorsUptime] = Grant.Admin, [P.HypervisorsSearch] = Grant.Admin,
        [P.HypervisorsServers] = Grant.Admin, [P.AggregatesIndex] = Grant.Admin, [P.AggregatesCreate] = Grant.Admin,
        [P.AggregatesShow] = Grant.Admin, [P.AggregatesUpdate] = Grant.Admin, [P.AggregatesDelete] = Grant.Admin,
        [P.AggregatesAddHost] = Grant.Admin, [P.AggregatesRemoveHost] = Grant.Admin, [P.AggregatesSetMetadata] = Grant.Admin,
        [P.AggregatesImages] = Grant.Admin,
        [P.MigrationsIndex] = Grant.ProjectManager, [P.MigrationsIndexAllProjects] = Grant.Admin, [P.MigrationsIndexHost] = Grant.Admin,
        [P.ServerMigrationsIndex] = Grant.ProjectManager, [P.ServerMigrationsShow] = Grant.Admin,
        [P.ServerMigrationsForceComplete] = Grant.ProjectManager, [P.ServerMigrationsDelete] = Grant.ProjectManager,
        [P.SimpleTenantUsageList] = Grant.Admin, [P.SimpleTenantUsageShow] = Grant.ProjectReader,
        [P.QuotaClassSetsShow] = Grant.Admin, [P.QuotaClassSetsUpdate] = Grant.Admin,
        [P.HostsList] = Grant.Admin, [P.HostsShow] = Grant.Admin, [P.HostsUpdate] = Grant.Admin, [P.HostsReboot] = Grant.Admin,
        [P.HostsShutdown] = Grant.Admin, [P.HostsStart] = Grant.Admin,
        [P.InstanceUsageAuditLogList] = Grant.Admin, [P.InstanceUsageAuditLogShow] = Grant.Admin,
        [P.SecurityGroupsGet] = Grant.ProjectReader, [P.SecurityGroupsShow] = Grant.ProjectReader, [P.SecurityGroupsCreate] = Grant.ProjectMember,
        [P.SecurityGroupsUpdate] = Grant.ProjectMember, [P.SecurityGroupsDelete] = Grant.ProjectMember,
        [P.SecurityGroupRuleCreate] = Grant.ProjectMember, [P.SecurityGroupRuleDelete] = Grant.ProjectMember, [P.ServerSecurityGroupsList] = Grant.ProjectReader,
        [P.NetworksList] = Grant.ProjectReader, [P.NetworksShow] = Grant.ProjectReader,
        [P.TenantNetworksList] = Grant.ProjectReader, [P.TenantNetworksShow] = Grant.ProjectReader,
        [P.FloatingIpsAdd] = Grant.ProjectMember, [P.FloatingIpsRemove] = Grant.ProjectMember,
        [P.MultinicAdd] = Grant.ProjectMember, [P.MultinicRemove] = Grant.ProjectMember, [P.AttachExternalNetwork] = Grant.Admin,
    };

    private static readonly ComputePolicy Defaults = new(new Dictionary<string, string>());

    public static TheoryData<string> Rules() => new(RuleConstants());

    [Fact]
    public void Every_rule_name_the_code_uses_has_a_default_and_an_expectation()
    {
        RuleConstants().Should().BeEquivalentTo(Nova.Keys);
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void The_default_grants_and_refuses_whom_Novas_does(string rule)
    {
        var target = new PolicyTarget(Project, "u-member");
        var granted = Personas.Where(p => Defaults.IsAllowed(p.Value, rule, target)).Select(p => p.Key);
        granted.Should().BeEquivalentTo(Granted[Nova[rule]], "Nova's default for {0} is {1}", rule, Nova[rule]);
    }

    public static TheoryData<ServerActionKind> ElevatedActions() =>
        new(ServerLifecycle.Table.Values.Where(r => r.Access != DefaultAccess.ProjectMember).Select(r => r.Action));

    /// <summary>The grain's own check (a caller that reached it without the API's decision) agrees with the API's default.</summary>
    [Theory]
    [MemberData(nameof(ElevatedActions))]
    public void The_grains_fallback_for_an_elevated_action_is_the_APIs_default(ServerActionKind kind)
    {
        var row = ServerLifecycle.For(kind);
        foreach (var (name, caller) in Personas)
        {
            row.Access.Grants(caller, Project).Should().Be(
                Defaults.IsAllowed(caller, row.Policy, new PolicyTarget(Project, null)), "{0} as {1}", kind, name);
        }
    }

    [Fact]
    public void A_project_manager_may_migrate_and_live_migrate_but_not_name_the_host()
    {
        var manager = Personas["manager"];
        ServerLifecycle.For(ServerActionKind.Migrate).Access.Grants(manager, Project).Should().BeTrue();
        ServerLifecycle.For(ServerActionKind.LiveMigrate).Access.Grants(manager, Project).Should().BeTrue();
        ServerLifecycle.For(ServerActionKind.Migrate).Access.Grants(Personas["other-project"], Project).Should().BeFalse();
        Defaults.IsAllowed(manager, P.MigrateToHost, new PolicyTarget(Project, null)).Should().BeFalse();
        Defaults.IsAllowed(manager, P.LiveMigrateToHost, new PolicyTarget(Project, null)).Should().BeFalse();
    }

    private static IEnumerable<string> RuleConstants() =>
        typeof(P).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!);

    private static CallerContext Caller(string user, string project, params string[] roles) =>
        new() { UserId = user, ProjectId = project, Roles = roles, RequestId = "req" };
}

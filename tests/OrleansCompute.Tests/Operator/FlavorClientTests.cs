using OrleansCompute.Tests.Identity;

namespace OrleansCompute.Tests.Operator;

/// <summary>The operator's flavor commands of Debian's python3-openstackclient against the real host.</summary>
[Collection(ImageAndFlavorClientHostCollection.Name)]
public sealed class FlavorClientTests(IdentityHostFixture fixture)
{
    private const string Admin = "orleanscompute-admin";
    private const string Demo = "orleanscompute-demo";
    private const string AltDemo = "orleanscompute-alt-demo";

    private OpenStackCli Cli => fixture.Cli;

    [Fact]
    public async Task Flavor_create_set_property_grant_access_then_delete()
    {
        var name = $"cli-flavor-{Guid.NewGuid():N}"[..20];
        var created = await Cli.OpenStackJsonAsync(Admin, "flavor", "create", "--ram", "256", "--vcpus", "1", "--disk", "1", "--private",
            "--property", "hw:cpu_policy=shared", "--description", "made by the cli", name);
        created["name"]!.GetValue<string>().Should().Be(name);
        created["os-flavor-access:is_public"]!.GetValue<bool>().Should().BeFalse();
        var id = created["id"]!.GetValue<string>();

        await Cli.OpenStackAsync(Admin, "flavor", "set", "--property", "custom=yes", id);
        var shown = await Cli.OpenStackJsonAsync(Admin, "flavor", "show", id);
        shown["properties"]!.ToJsonString().Should().Contain("hw:cpu_policy").And.Contain("custom");

        // Private: the demo project neither lists it nor boots it until the operator grants it.
        (await Cli.OpenStackJsonAsync(Demo, "flavor", "list")).AsArray().Select(f => f!["ID"]!.GetValue<string>()).Should().NotContain(id);
        var refused = await Cli.TryOpenStackAsync(Demo, "server", "create", "--flavor", id, "--image", "cirros-0.6.2-x86_64-disk", name);
        refused.ExitCode.Should().NotBe(0, refused.ToString());

        // openstack flavor set --project first looks the project up in Keystone's /v3/projects, which the built-in
        // identity does not serve; novaclient grants by project id without that lookup.
        await Cli.NovaAsync("admin", "admin", fixture.Passwords["admin"], "flavor-access-add", id, await fixture.ProjectIdAsync("demo"));
        (await Cli.NovaAsync("admin", "admin", fixture.Passwords["admin"], "flavor-access-list", "--flavor", id)).Should().Contain(await fixture.ProjectIdAsync("demo"));
        (await Cli.OpenStackJsonAsync(Demo, "flavor", "list")).AsArray().Select(f => f!["ID"]!.GetValue<string>()).Should().Contain(id);
        (await Cli.OpenStackJsonAsync(AltDemo, "flavor", "list")).AsArray().Select(f => f!["ID"]!.GetValue<string>()).Should().NotContain(id);
        var server = await Cli.OpenStackJsonAsync(Demo, "server", "create", "--flavor", id, "--image", "cirros-0.6.2-x86_64-disk", "--wait", name);
        server["status"]!.GetValue<string>().Should().Be("ACTIVE");

        await Cli.OpenStackAsync(Admin, "flavor", "unset", "--property", "custom", id);
        (await Cli.OpenStackJsonAsync(Admin, "flavor", "show", id))["properties"]!.ToJsonString().Should().NotContain("custom");
        await Cli.OpenStackAsync(Admin, "flavor", "delete", id);
        (await Cli.TryOpenStackAsync(Admin, "flavor", "show", id)).ExitCode.Should().NotBe(0);
        (await Cli.OpenStackJsonAsync(Demo, "server", "show", server["id"]!.GetValue<string>()))["status"]!.GetValue<string>().Should().Be("ACTIVE");
    }

    [Fact]
    public async Task Nova_quota_class_update_and_show()
    {
        // A class of its own: only the class default changes what projects get, and this host is shared.
        var name = $"cli-class-{Guid.NewGuid():N}"[..18];
        await Cli.NovaAsync("admin", "admin", fixture.Passwords["admin"], "quota-class-update", "--instances", "12", "--cores", "30", name);
        var shown = await Cli.NovaAsync("admin", "admin", fixture.Passwords["admin"], "quota-class-show", name);
        shown.Should().MatchRegex(@"\|\s*instances\s*\|\s*12\s*\|").And.MatchRegex(@"\|\s*cores\s*\|\s*30\s*\|");
    }

    [Fact]
    public async Task Flavor_set_project_by_name_grants_access()
    {
        // The client turns the project name into its id through Keystone's /v3/projects.
        var name = $"cli-priv-{Guid.NewGuid():N}"[..18];
        var id = (await Cli.OpenStackJsonAsync(Admin, "flavor", "create", "--ram", "256", "--vcpus", "1", "--disk", "1", "--private", name))["id"]!.GetValue<string>();
        try
        {
            await Cli.OpenStackAsync(Admin, "flavor", "set", "--project", "demo", id);
            var shown = await Cli.OpenStackJsonAsync(Admin, "flavor", "show", id);
            shown["access_project_ids"]!.ToJsonString().Should().Contain(await fixture.ProjectIdAsync("demo"));
            (await Cli.OpenStackJsonAsync(Demo, "flavor", "list")).AsArray().Select(f => f!["ID"]!.GetValue<string>()).Should().Contain(id);
        }
        finally
        {
            await Cli.TryOpenStackAsync(Admin, "flavor", "delete", id);
        }
    }
}

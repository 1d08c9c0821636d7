using System.Text.Json.Nodes;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Identity;

/// <summary>
/// Debian's python3-openstackclient against the real host on a real port, with the clouds.yaml the host wrote:
/// the assertions read the client's own output. Each call costs about a second of Python start-up, so each test
/// covers a whole flow.
/// </summary>
[Collection(ServerClientHostCollection.Name)]
public sealed class OpenStackClientTests(IdentityHostFixture fixture)
{
    private const string Demo = "orleanscompute-demo";
    private const string Image = "cirros-0.6.2-x86_64-disk";

    private OpenStackCli Cli => fixture.Cli;

    private static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    [Fact]
    public async Task Server_create_wait_show_and_set_name()
    {
        var name = UniqueName("cli-create");
        var created = await Cli.OpenStackJsonAsync(Demo, "server", "create", "--flavor", "m1.tiny", "--image", Image, "--wait", name);
        created["status"]!.GetValue<string>().Should().Be("ACTIVE");
        created["name"]!.GetValue<string>().Should().Be(name);
        created["flavor"]!.GetValue<string>().Should().Contain("m1.tiny");
        created["image"]!.GetValue<string>().Should().Contain(Image);
        var id = created["id"]!.GetValue<string>();

        var shown = await Cli.OpenStackJsonAsync(Demo, "server", "show", id);
        shown["OS-EXT-STS:vm_state"]!.GetValue<string>().Should().Be("active");
        shown["project_id"]!.GetValue<string>().Should().Be(await fixture.ProjectIdAsync("demo"));

        var renamed = name + "-renamed";
        await Cli.OpenStackAsync(Demo, "server", "set", "--name", renamed, id);
        (await Cli.OpenStackAsync(Demo, "server", "show", id, "-f", "value", "-c", "name")).Trim().Should().Be(renamed);
    }

    [Fact]
    public async Task Server_list_with_long_status_name_limit_and_marker()
    {
        var prefix = UniqueName("cli-list");
        var ids = new List<string>();
        foreach (var suffix in new[] { "a", "b", "c" })
        {
            var server = await Cli.OpenStackJsonAsync(Demo, "server", "create", "--flavor", "m1.tiny", "--image", Image, "--wait", $"{prefix}-{suffix}");
            ids.Add(server["id"]!.GetValue<string>());
        }

        var byName = (await Cli.OpenStackJsonAsync(Demo, "server", "list", "--name", prefix)).AsArray();
        byName.Select(s => s!["Name"]!.GetValue<string>()).Should().BeEquivalentTo([$"{prefix}-a", $"{prefix}-b", $"{prefix}-c"]);

        var active = (await Cli.OpenStackJsonAsync(Demo, "server", "list", "--name", prefix, "--status", "ACTIVE")).AsArray();
        active.Should().HaveCount(3);
        (await Cli.OpenStackJsonAsync(Demo, "server", "list", "--name", prefix, "--status", "SHUTOFF")).AsArray().Should().BeEmpty();

        var longList = (await Cli.OpenStackJsonAsync(Demo, "server", "list", "--long", "--name", prefix)).AsArray();
        var row = longList.First()!;
        // With -f json the client prints machine-readable values: the power state is Nova's integer (1 = Running).
        row["Power State"]!.ToJsonString().Should().BeOneOf("1", "\"Running\"");
        row["Flavor Name"]!.GetValue<string>().Should().Be("m1.tiny");
        row["Image Name"]!.GetValue<string>().Should().Be(Image);
        row["Availability Zone"]!.GetValue<string>().Should().Be("nova");

        // Newest first, as Nova sorts; the marker pages on from the first page's last server.
        var first = (await Cli.OpenStackJsonAsync(Demo, "server", "list", "--name", prefix, "--limit", "2")).AsArray();
        first.Select(s => s!["ID"]!.GetValue<string>()).Should().Equal(ids[2], ids[1]);
        var next = (await Cli.OpenStackJsonAsync(Demo, "server", "list", "--name", prefix, "--limit", "2", "--marker", ids[1])).AsArray();
        next.Select(s => s!["ID"]!.GetValue<string>()).Should().Equal(ids[0]);
    }

    [Fact]
    public async Task Reboot_stop_start_pause_unpause_suspend_resume_shelve_unshelve()
    {
        var id = await CreateActiveAsync("cli-actions");
        await ActAndWaitAsync(id, ["server", "reboot", id], "ACTIVE");
        await ActAndWaitAsync(id, ["server", "stop", id], "SHUTOFF");
        await ActAndWaitAsync(id, ["server", "start", id], "ACTIVE");
        await ActAndWaitAsync(id, ["server", "pause", id], "PAUSED");
        await ActAndWaitAsync(id, ["server", "unpause", id], "ACTIVE");
        await ActAndWaitAsync(id, ["server", "suspend", id], "SUSPENDED");
        await ActAndWaitAsync(id, ["server", "resume", id], "ACTIVE");
        await ActAndWaitAsync(id, ["server", "shelve", id], "SHELVED_OFFLOADED");
        await ActAndWaitAsync(id, ["server", "unshelve", id], "ACTIVE");
    }

    [Fact]
    public async Task Lock_and_unlock()
    {
        var id = await CreateActiveAsync("cli-lock");
        await Cli.OpenStackAsync(Demo, "server", "lock", id);
        // The locked field is shown from microversion 2.9.
        (await Cli.OpenStackJsonAsync(Demo, "--os-compute-api-version", "2.9", "server", "show", id))["locked"]!.GetValue<bool>().Should().BeTrue();
        var refused = await Cli.TryOpenStackAsync("orleanscompute-demo", "server", "stop", id);
        refused.ExitCode.Should().NotBe(0);
        refused.Stderr.Should().Contain("is locked").And.Contain("HTTP 409");

        await Cli.OpenStackAsync(Demo, "server", "unlock", id);
        (await Cli.OpenStackJsonAsync(Demo, "--os-compute-api-version", "2.9", "server", "show", id))["locked"]!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public async Task Server_delete_wait()
    {
        var id = await CreateActiveAsync("cli-delete");
        await Cli.OpenStackAsync(Demo, "server", "delete", "--wait", id);
        var gone = await Cli.TryOpenStackAsync(Demo, "server", "show", id);
        gone.ExitCode.Should().NotBe(0);
        gone.Stderr.Should().Contain($"No server with a name or ID of '{id}' exists.");
    }

    [Fact]
    public async Task Another_project_cannot_see_a_server_a_reader_cannot_create_and_an_admin_sees_all_projects()
    {
        var name = UniqueName("cli-isolation");
        var id = (await Cli.OpenStackJsonAsync(Demo, "server", "create", "--flavor", "m1.tiny", "--image", Image, name))["id"]!.GetValue<string>();

        var other = await Cli.TryOpenStackAsync("orleanscompute-alt-demo", "server", "show", id);
        other.ExitCode.Should().NotBe(0);
        other.Stderr.Should().Contain($"No server with a name or ID of '{id}' exists.");
        (await Cli.OpenStackJsonAsync("orleanscompute-alt-demo", "server", "list")).AsArray().Select(s => s!["ID"]!.GetValue<string>()).Should().NotContain(id);

        (await Cli.OpenStackJsonAsync("orleanscompute-demo-reader", "server", "show", id))["name"]!.GetValue<string>().Should().Be(name);
        var refused = await Cli.TryOpenStackAsync("orleanscompute-demo-reader", "server", "create", "--flavor", "m1.tiny", "--image", Image, name + "-reader");
        refused.ExitCode.Should().NotBe(0);
        refused.Stderr.Should().Contain("Policy doesn't allow os_compute_api:servers:create to be performed. (HTTP 403)");

        var all = (await Cli.OpenStackJsonAsync("orleanscompute-admin", "server", "list", "--all-projects")).AsArray();
        all.Select(s => s!["ID"]!.GetValue<string>()).Should().Contain(id);
    }

    [Fact]
    public async Task Flavor_list_and_image_list()
    {
        var flavors = (await Cli.OpenStackJsonAsync(Demo, "flavor", "list")).AsArray();
        flavors.Select(f => f!["Name"]!.GetValue<string>()).Should().Contain(["m1.tiny", "m1.small", "m1.medium", "m1.large", "m1.xlarge"]);
        flavors.Single(f => f!["Name"]!.GetValue<string>() == "m1.tiny")!["RAM"]!.GetValue<int>().Should().Be(512);

        var images = (await Cli.OpenStackJsonAsync(Demo, "image", "list")).AsArray();
        images.Select(i => i!["Name"]!.GetValue<string>()).Should().Contain(Image);
    }

    [Fact]
    public async Task Keypair_create()
    {
        var name = UniqueName("cli-key");
        var privateKey = await Cli.OpenStackAsync(Demo, "keypair", "create", name);
        privateKey.Should().Contain("PRIVATE KEY-----");
        (await Cli.OpenStackJsonAsync(Demo, "keypair", "list")).AsArray().Select(k => k!["Name"]!.GetValue<string>()).Should().Contain(name);
    }

    [Fact]
    public async Task Limits_show_absolute()
    {
        // A server of project demo exists whichever test of this host ran first: the used count must include it.
        using (var nova = await fixture.ClientAsync("demo"))
        {
            await nova.CreateServerAsync(UniqueName("cli-limits"));
        }

        var limits = (await Cli.OpenStackJsonAsync(Demo, "limits", "show", "--absolute")).AsArray();
        var byName = limits.ToDictionary(l => l!["Name"]!.GetValue<string>(), l => l!["Value"]!.GetValue<int>());
        byName.Should().ContainKeys("maxTotalInstances", "maxTotalCores", "maxTotalRAMSize", "totalInstancesUsed", "maxServerGroups");
        byName["maxTotalInstances"].Should().Be(IdentityHostFixture.InstanceQuota);
        byName["maxTotalCores"].Should().Be(-1);
        byName["totalInstancesUsed"].Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task Server_group_create()
    {
        var name = UniqueName("cli-group");
        var group = await Cli.OpenStackJsonAsync(Demo, "server", "group", "create", "--policy", "anti-affinity", name);
        group["name"]!.GetValue<string>().Should().Be(name);
        group.ToJsonString().Should().Contain("anti-affinity");
    }

    [Fact]
    public async Task Nova_boot_with_min_and_max_count_and_nova_list()
    {
        var name = UniqueName("nova-multi");
        var password = fixture.Passwords["demo"];
        await Cli.NovaAsync("demo", "demo", password, "boot", "--flavor", "m1.tiny", "--image", Image, "--min-count", "2", "--max-count", "2", name);
        var listed = await Eventually.Until(
            () => Cli.NovaAsync("demo", "demo", password, "list", "--name", name),
            output => output.Split('\n').Count(line => line.Contains(name, StringComparison.Ordinal) && line.Contains("ACTIVE", StringComparison.Ordinal)) == 2,
            TimeSpan.FromSeconds(60),
            "both servers of the reservation become ACTIVE in nova list");
        listed.Should().Contain($"{name}-1").And.Contain($"{name}-2");
    }

    private async Task<string> CreateActiveAsync(string prefix)
    {
        var server = await Cli.OpenStackJsonAsync(Demo, "server", "create", "--flavor", "m1.tiny", "--image", Image, "--wait", UniqueName(prefix));
        server["status"]!.GetValue<string>().Should().Be("ACTIVE");
        return server["id"]!.GetValue<string>();
    }

    private async Task ActAndWaitAsync(string id, string[] action, string status)
    {
        await Cli.OpenStackAsync(Demo, action);
        await Eventually.Until(
            async () => (await Cli.OpenStackAsync(Demo, "server", "show", id, "-f", "value", "-c", "status")).Trim(),
            shown => shown == status,
            TimeSpan.FromSeconds(60),
            $"after '{string.Join(' ', action)}' the server becomes {status}");
    }
}

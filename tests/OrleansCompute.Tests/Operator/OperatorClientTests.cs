using OrleansCompute.Tests.Identity;

namespace OrleansCompute.Tests.Operator;

/// <summary>The openstack CLI's compute service and hypervisor commands against the real host.</summary>
[Collection(VolumeAndServiceClientHostCollection.Name)]
public sealed class OperatorClientTests(IdentityHostFixture fixture)
{
    private const string Admin = "orleanscompute-admin";

    private OpenStackCli Cli => fixture.Cli;

    [Fact]
    public async Task Compute_service_list_and_set_disable_then_enable()
    {
        var services = (await Cli.OpenStackJsonAsync(Admin, "compute", "service", "list")).AsArray();
        services.Select(s => s!["Host"]!.GetValue<string>()).Should().Contain(["compute-1", "compute-2", "compute-3"]);
        try
        {
            await Cli.OpenStackAsync(Admin, "compute", "service", "set", "--disable", "--disable-reason", "cli maintenance", "compute-2", "nova-compute");
            var listed = (await Cli.OpenStackJsonAsync(Admin, "compute", "service", "list", "--host", "compute-2", "--long")).AsArray().Single()!;
            listed["Status"]!.GetValue<string>().Should().Be("disabled");
            listed["Disabled Reason"]!.GetValue<string>().Should().Be("cli maintenance");
        }
        finally
        {
            // The host is shared with the other real-client tests: give the host back.
            await Cli.OpenStackAsync(Admin, "compute", "service", "set", "--enable", "compute-2", "nova-compute");
        }

        var enabled = (await Cli.OpenStackJsonAsync(Admin, "compute", "service", "list", "--host", "compute-2")).AsArray().Single()!;
        enabled["Status"]!.GetValue<string>().Should().Be("enabled");
    }

    [Fact]
    public async Task Hypervisor_list_show_and_stats()
    {
        var hypervisors = (await Cli.OpenStackJsonAsync(Admin, "hypervisor", "list")).AsArray();
        hypervisors.Select(h => h!["Hypervisor Hostname"]!.GetValue<string>()).Should().Contain(["compute-1", "compute-2", "compute-3"]);
        var shown = await Cli.OpenStackJsonAsync(Admin, "hypervisor", "show", "compute-1");
        shown["hypervisor_hostname"]!.GetValue<string>().Should().Be("compute-1");
        shown["state"]!.GetValue<string>().Should().Be("up");
        var stats = await Cli.OpenStackJsonAsync(Admin, "hypervisor", "stats", "show");
        stats["count"]!.GetValue<int>().Should().Be(3);
    }

    [Fact]
    public async Task Aggregate_create_add_host_and_set_zone()
    {
        var name = $"cli-agg-{Guid.NewGuid():N}"[..16];
        var created = await Cli.OpenStackJsonAsync(Admin, "aggregate", "create", "--zone", "cli-zone", name);
        created["availability_zone"]!.GetValue<string>().Should().Be("cli-zone");
        try
        {
            await Cli.OpenStackAsync(Admin, "aggregate", "add", "host", name, "compute-3");
            await Cli.OpenStackAsync(Admin, "aggregate", "set", "--zone", "cli-zone-2", "--property", "ssd=true", name);
            var shown = await Cli.OpenStackJsonAsync(Admin, "aggregate", "show", name);
            shown["availability_zone"]!.GetValue<string>().Should().Be("cli-zone-2");
            shown["hosts"]!.ToJsonString().Should().Contain("compute-3");
            shown["properties"]!.ToJsonString().Should().Contain("ssd");
            (await Cli.OpenStackJsonAsync(Admin, "compute", "service", "list", "--host", "compute-3")).AsArray().Single()!["Zone"]!.GetValue<string>().Should().Be("cli-zone-2");
        }
        finally
        {
            // The host is shared with the other real-client tests, which expect every host in zone nova.
            await Cli.TryOpenStackAsync(Admin, "aggregate", "remove", "host", name, "compute-3");
            await Cli.OpenStackAsync(Admin, "aggregate", "delete", name);
        }
    }

    [Fact]
    public async Task Server_migration_list_and_usage_list_show_a_migrated_server()
    {
        var name = $"cli-mig-{Guid.NewGuid():N}"[..16];
        var id = (await Cli.OpenStackJsonAsync(Admin, "server", "create", "--flavor", "m1.tiny", "--image", "cirros-0.6.2-x86_64-disk", "--wait", name))["id"]!.GetValue<string>();
        try
        {
            await Cli.OpenStackAsync(Admin, "server", "migrate", "--wait", id);
            var migrations = (await Cli.OpenStackJsonAsync(Admin, "--os-compute-api-version", "2.80", "server", "migration", "list", "--server", id)).AsArray();
            var migration = migrations.Single()!;
            migration["Type"]!.GetValue<string>().Should().Be("migration");
            migration["Status"]!.GetValue<string>().Should().Be("finished");

            // The server counts in its project's usage since it was launched (openstack usage list pages from 2.40;
            // in JSON its Servers column is the server_usages list itself).
            var usages = (await Cli.OpenStackJsonAsync(Admin, "--os-compute-api-version", "2.40", "usage", "list", "--start", "2000-01-01")).AsArray();
            usages.Should().Contain(u => u!["Servers"]!.ToJsonString().Contains(id) && u["RAM MB-Hours"] != null);

            // openstack usage show: the caller's own project's totals (in JSON, Servers is its server_usages list too).
            var usage = await Cli.OpenStackJsonAsync(Admin, "--os-compute-api-version", "2.40", "usage", "show", "--start", "2000-01-01");
            usage["Servers"]!.ToJsonString().Should().Contain(id, "the migrated server counts in its project");
            usage.AsObject().Select(p => p.Key).Should().Contain(["RAM MB-Hours", "CPU Hours", "Disk GB-Hours"]);
        }
        finally
        {
            await Cli.TryOpenStackAsync(Admin, "server", "delete", "--wait", id);
        }
    }
}

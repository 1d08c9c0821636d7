using OrleansCompute.Tests.Identity;

namespace OrleansCompute.Tests.Operator;

/// <summary>
/// <c>openstack compute service delete</c> on a real host of this class's own (the delete takes a host out of the
/// cloud, which the shared host's other tests must keep): the host leaves its aggregate, the service and
/// hypervisor lists, and the scheduler.
/// </summary>
public sealed class ComputeServiceDeleteClientTests(IdentityHostFixture fixture) : IClassFixture<IdentityHostFixture>
{
    private const string Admin = "orleanscompute-admin";

    private OpenStackCli Cli => fixture.Cli;

    [Fact]
    public async Task Compute_service_delete_removes_an_empty_host()
    {
        await Cli.OpenStackAsync(Admin, "aggregate", "create", "--zone", "rack-1", "rack-1");
        await Cli.OpenStackAsync(Admin, "aggregate", "add", "host", "rack-1", "compute-1");
        var services = (await Cli.OpenStackJsonAsync(Admin, "compute", "service", "list", "--host", "compute-1")).AsArray();
        var id = services.Single()!["ID"]!.ToString();

        await Cli.OpenStackAsync(Admin, "compute", "service", "delete", id);

        (await Cli.OpenStackJsonAsync(Admin, "compute", "service", "list")).AsArray().Select(s => s!["Host"]!.GetValue<string>())
            .Should().NotContain("compute-1").And.Contain("compute-2");
        (await Cli.OpenStackJsonAsync(Admin, "hypervisor", "list")).AsArray().Select(h => h!["Hypervisor Hostname"]!.GetValue<string>())
            .Should().NotContain("compute-1");
        (await Cli.OpenStackJsonAsync(Admin, "aggregate", "show", "rack-1"))["hosts"]!.ToJsonString().Should().NotContain("compute-1");
        var again = await Cli.TryOpenStackAsync(Admin, "compute", "service", "delete", id);
        again.ExitCode.Should().NotBe(0, "the service is gone (404)");
    }
}

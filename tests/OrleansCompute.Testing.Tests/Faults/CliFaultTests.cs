using OrleansCompute.Testing.Http;

namespace OrleansCompute.Testing.Tests.Faults;

/// <summary>
/// Each HTTP fault kind as a real client sees it: the openstack CLI (python-openstackclient and openstacksdk) on
/// the loopback port, authenticated through the endpoint's own clouds.yaml.
/// </summary>
public sealed class CliFaultTests : IAsyncLifetime
{
    private ComputeTestHost _compute = null!;

    public async Task InitializeAsync() =>
        _compute = await ComputeTestHost.StartAsync(o =>
        {
            o.Transport = ComputeTestTransport.Loopback;
            o.Auth = ComputeTestAuth.Identity;
        });

    public async Task DisposeAsync() => await _compute.DisposeAsync();

    [Fact]
    public async Task An_injected_503_fails_the_cli_with_novas_message_and_the_next_run_succeeds()
    {
        var fault = _compute.Faults.Add(HttpFaultRule.Respond("GET", "/v2.1/servers/detail", 503) with { Times = 1, Message = "try later" });

        // The CLI (openstacksdk's default: no status code retries for compute) does not retry a 503 itself: it
        // prints the message of Nova's fault body with the status and exits 1. The caller's retry then succeeds.
        var failed = await OpenStackCli.RunAsync(_compute, "server", "list", "-f", "json");
        failed.ExitCode.Should().Be(1);
        failed.Error.Should().Contain("try later (HTTP 503)");
        var retried = await OpenStackCli.RunAsync(_compute, "server", "list", "-f", "json");
        retried.ExitCode.Should().Be(0, retried.Error);
        retried.Output.Trim().Should().Be("[]");

        fault.Applied.Should().Be(1);
        _compute.Requests.Matching("GET", "/v2.1/servers/detail").Select(r => (r.Status, r.FaultId)).Should().Equal((503, fault.Id), (200, null));
        _compute.Requests.All.Should().Contain(r => r.Path == "/identity/v3/auth/tokens" && r.Status == 201, "the CLI authenticated through the host's clouds.yaml");
    }

    [Fact]
    public async Task A_dropped_connection_fails_the_cli_with_a_connection_error()
    {
        var fault = _compute.Faults.Add(HttpFaultRule.Drop("GET", "/v2.1/servers/detail") with { Times = 1 });
        var run = await OpenStackCli.RunAsync(_compute, "server", "list", "-f", "json");

        // No retry of a reset connection either: the CLI names the endpoint and the reset, and exits 1.
        run.ExitCode.Should().Be(1);
        run.Error.Should().Contain("Unable to establish connection").And.Contain("/v2.1/servers/detail");
        fault.Applied.Should().Be(1);
        _compute.Requests.Matching("GET", "/v2.1/servers/detail").Should().ContainSingle().Which.Status.Should().Be(0, "no answer was sent");
    }

    [Fact]
    public async Task Added_latency_delays_the_cli_which_still_gets_its_answer()
    {
        var fault = _compute.Faults.Add(HttpFaultRule.Delay("GET", "/v2.1/servers/detail", TimeSpan.FromSeconds(2)) with { Times = 1 });
        var run = await OpenStackCli.RunAsync(_compute, "server", "list", "-f", "json");
        run.ExitCode.Should().Be(0, run.Error);
        fault.Applied.Should().Be(1);
        _compute.Requests.Matching("GET", "/v2.1/servers/detail").Should().ContainSingle().Which.FaultId.Should().Be(fault.Id);
        run.Elapsed.Should().BeGreaterThan(TimeSpan.FromSeconds(2));
    }
}

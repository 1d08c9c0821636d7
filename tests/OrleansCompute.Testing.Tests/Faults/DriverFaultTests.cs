using OrleansCompute.Driver;
using OrleansCompute.Servers;
using OrleansCompute.Testing.Driver;

namespace OrleansCompute.Testing.Tests.Faults;

/// <summary>Driver faults: an operation of one server fails (the server goes to ERROR) or takes longer on the fake clock.</summary>
public sealed class DriverFaultTests : IAsyncLifetime
{
    private ComputeTestHost _compute = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _compute = await ComputeTestHost.StartAsync();
        _http = _compute.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _compute.DisposeAsync();
    }

    [Fact]
    public async Task A_failed_build_of_the_named_server_puts_it_in_error_and_leaves_the_others_alone()
    {
        _compute.DriverFaults.Add(new DriverFaultRule { Operation = DriverOperation.Spawn, ServerName = "doomed", Fail = true });
        var doomed = await NovaCalls.CreateServerAsync(_http, "doomed");
        var fine = await NovaCalls.CreateServerAsync(_http, "fine");

        (await _compute.Servers.WaitForStatusAsync(doomed, ServerStatus.Error)).Fault!.Message.Should().Contain("Injected fault");
        await _compute.Servers.WaitForStatusAsync(fine, ServerStatus.Active);
        await _compute.Events.WaitForAsync(e => e.Instance.Id == Guid.Parse(doomed) && e.EventType == "instance.create.error");
        _compute.DriverFaults.Clear();
    }

    [Fact]
    public async Task A_delayed_reboot_of_one_server_stays_in_reboot_until_the_clock_passes_the_delay()
    {
        var id = await NovaCalls.CreateServerAsync(_http, "slow-reboot");
        await _compute.Servers.WaitForStatusAsync(id, ServerStatus.Active);
        _compute.DriverFaults.Add(new DriverFaultRule { Operation = DriverOperation.Reboot, ServerId = Guid.Parse(id), Delay = TimeSpan.FromMinutes(30), Times = 1 });
        await NovaCalls.ActAsync(_http, id, """{"reboot": {"type": "SOFT"}}""");

        await _compute.Servers.WaitForStatusAsync(id, ServerStatus.Reboot, advanceClock: false);
        _compute.Advance(TimeSpan.FromMinutes(29));
        (await _compute.Servers.FindAsync(Guid.Parse(id)))!.Status.Should().Be(ServerStatus.Reboot);
        // Past the delay whether the driver's timer started before the first move of the clock or just after it.
        _compute.Advance(TimeSpan.FromMinutes(31));
        await _compute.Servers.WaitForStatusAsync(id, ServerStatus.Active);
        _compute.DriverFaults.Rules.Should().BeEmpty("a rule used up is dropped");
    }
}

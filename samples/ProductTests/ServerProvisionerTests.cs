using OrleansCompute.Testing;
using OrleansCompute.Testing.Http;

namespace ProductTests;

/// <summary>The product's tests: one fake Nova per test class, in memory, with soft delete on.</summary>
public sealed class ServerProvisionerTests : IAsyncLifetime
{
    private ComputeTestHost _nova = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _nova = await ComputeTestHost.StartAsync(options => options.SoftDeleteReclaimAfter = TimeSpan.FromHours(1));
        _http = _nova.CreateClient(user: "shop", project: "shop");
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _nova.DisposeAsync();
    }

    [Fact]
    public async Task A_provisioned_server_becomes_active()
    {
        var id = await new ServerProvisioner(_http).ProvisionAsync("web-1");

        var server = await _nova.Servers.WaitForStatusAsync(id, "ACTIVE");
        Assert.Equal("shop", server.ProjectId);
        await _nova.Events.WaitForAsync(e => e.Instance.Id == server.Id && e.EventType == "instance.create.end");
    }

    [Fact]
    public async Task Nova_briefly_unavailable_is_retried()
    {
        _nova.Faults.Add(HttpFaultRule.Respond("POST", "/v2.1/servers", 503) with { Times = 1 });

        var id = await new ServerProvisioner(_http).ProvisionAsync("web-2");

        Assert.Equal([503, 202], _nova.Requests.Matching("POST", "/v2.1/servers").Select(r => r.Status));
        await _nova.Servers.WaitForStatusAsync(id, "ACTIVE");
    }

    [Fact]
    public async Task A_retired_server_is_reclaimed_an_hour_later()
    {
        var provisioner = new ServerProvisioner(_http);
        var id = await provisioner.ProvisionAsync("web-3");
        await _nova.Servers.WaitForStatusAsync(id, "ACTIVE");

        await provisioner.RetireAsync(id);
        await _nova.Servers.WaitForStatusAsync(id, "SOFT_DELETED");
        _nova.Advance(TimeSpan.FromHours(1));
        await _nova.Servers.WaitForGoneAsync(id);
    }
}

using System.Net;
using OrleansCompute.Servers;

namespace OrleansCompute.Testing.Tests.Time;

/// <summary>
/// Each lifecycle reminder kind fires when the test moves the host's clock past its deadline, and not before:
/// the soft-delete reclaim, the shelve offload and the resize auto-confirm.
/// </summary>
public sealed class LifecycleReminderTests : IAsyncLifetime
{
    private ComputeTestHost _compute = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _compute = await ComputeTestHost.StartAsync(o =>
        {
            o.SoftDeleteReclaimAfter = TimeSpan.FromHours(1);
            o.ShelvedOffloadAfter = TimeSpan.FromMinutes(10);
            o.ResizeAutoConfirmAfter = TimeSpan.FromMinutes(5);
        });
        _http = _compute.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _compute.DisposeAsync();
    }

    [Fact]
    public async Task A_soft_deleted_server_is_reclaimed_an_hour_later_on_the_fake_clock()
    {
        var id = await NovaCalls.CreateServerAsync(_http, "reclaimed");
        await _compute.Servers.WaitForStatusAsync(id, ServerStatus.Active);
        (await NovaCalls.SendAsync(_http, HttpMethod.Delete, $"/v2.1/servers/{id}")).Status.Should().Be(HttpStatusCode.NoContent);
        await _compute.Servers.WaitForStatusAsync(id, ServerStatus.SoftDeleted);

        _compute.Advance(TimeSpan.FromMinutes(59));
        (await _compute.Servers.FindAsync(Guid.Parse(id)))!.Status.Should().Be(ServerStatus.SoftDeleted, "the reclaim is due after an hour");

        _compute.Advance(TimeSpan.FromMinutes(2));
        await _compute.Servers.WaitForGoneAsync(id);
        await _compute.Events.WaitForAsync(e => e.Instance.Id == Guid.Parse(id) && e.EventType == "instance.delete.end");
    }

    [Fact]
    public async Task A_shelved_server_is_offloaded_ten_minutes_later()
    {
        var id = await NovaCalls.CreateServerAsync(_http, "shelved");
        await _compute.Servers.WaitForStatusAsync(id, ServerStatus.Active);
        await NovaCalls.ActAsync(_http, id, """{"shelve": null}""");
        await _compute.Servers.WaitForStatusAsync(id, ServerStatus.Shelved);

        _compute.Advance(TimeSpan.FromMinutes(10));
        await _compute.Servers.WaitForStatusAsync(id, ServerStatus.ShelvedOffloaded);
        await _compute.Events.WaitForAsync(e => e.Instance.Id == Guid.Parse(id) && e.EventType == "instance.shelve_offload.end");
    }

    [Fact]
    public async Task An_unconfirmed_resize_is_confirmed_five_minutes_later()
    {
        var id = await NovaCalls.CreateServerAsync(_http, "resized");
        await _compute.Servers.WaitForStatusAsync(id, ServerStatus.Active);
        await NovaCalls.ActAsync(_http, id, """{"resize": {"flavorRef": "2"}}""");
        await _compute.Servers.WaitForStatusAsync(id, ServerStatus.VerifyResize);

        _compute.Advance(TimeSpan.FromMinutes(5));
        var server = await _compute.Servers.WaitForStatusAsync(id, ServerStatus.Active);
        server.Flavor.Id.Should().Be("2", "the resize was confirmed, not reverted");
        await _compute.Events.WaitForAsync(e => e.Instance.Id == Guid.Parse(id) && e.EventType == "instance.update" && e.Instance.Flavor.Id == "2" && e.Instance.Status == ServerStatus.Active);
    }
}

using OrleansCompute.Faults;
using OrleansCompute.Identity;
using OrleansCompute.Servers;

namespace OrleansCompute.Testing.Inspection;

/// <summary>
/// The servers of a <see cref="ComputeTestHost"/> as the control plane holds them (read through the grains, not the
/// API, so that no token is needed). The waits poll in real time and, unless told not to, move the fake clock a
/// little between tries so that the fake driver's operations (which take their time on that clock) complete.
/// </summary>
public sealed class ComputeTestServers
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private readonly IGrainFactory _grains;
    private readonly Action _advanceStep;

    internal ComputeTestServers(IGrainFactory grains, Action advanceStep)
    {
        _grains = grains;
        _advanceStep = advanceStep;
    }

    /// <summary>The server as the control plane holds it now; null if there is none (never created, or reclaimed).</summary>
    /// <param name="id">The server id.</param>
    public async Task<ServerSnapshot?> FindAsync(Guid id)
    {
        try
        {
            return await _grains.GetGrain<IServerGrain>(id).GetAsync(Admin());
        }
        catch (ComputeFaultException fault) when (fault.StatusCode == 404)
        {
            return null;
        }
    }

    /// <summary>Waits until the server's Nova status is <paramref name="status"/> (ACTIVE, SHUTOFF, SHELVED_OFFLOADED, ERROR...).</summary>
    /// <param name="id">The server id, as the API returned it.</param>
    /// <param name="status">The Nova status.</param>
    /// <param name="timeout">Real time to wait; 30 seconds if null.</param>
    /// <param name="advanceClock">Move the fake clock a quarter second between tries (the default).</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <returns>The server in that status.</returns>
    public async Task<ServerSnapshot> WaitForStatusAsync(string id, string status, TimeSpan? timeout = null, bool advanceClock = true, CancellationToken cancellationToken = default)
    {
        var server = await Polling.UntilAsync(
            () => FindAsync(Guid.Parse(id)),
            s => s is not null && string.Equals(s.Status, status, StringComparison.OrdinalIgnoreCase),
            timeout ?? DefaultTimeout,
            advanceClock ? _advanceStep : null,
            s => $"server {id} is {s?.Status ?? "gone"}, not {status}",
            cancellationToken);
        return server!;
    }

    /// <summary>Waits until the server no longer exists (deleted, or reclaimed after a soft delete).</summary>
    /// <param name="id">The server id.</param>
    /// <param name="timeout">Real time to wait; 30 seconds if null.</param>
    /// <param name="advanceClock">Move the fake clock a quarter second between tries (the default).</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    public Task WaitForGoneAsync(string id, TimeSpan? timeout = null, bool advanceClock = true, CancellationToken cancellationToken = default) =>
        Polling.UntilAsync(
            () => FindAsync(Guid.Parse(id)),
            s => s is null,
            timeout ?? DefaultTimeout,
            advanceClock ? _advanceStep : null,
            s => $"server {id} is still {s?.Status}",
            cancellationToken);

    private static CallerContext Admin() => new()
    {
        UserId = "compute-test-host",
        ProjectId = "admin",
        Roles = ["admin"],
        RequestId = "req-" + Guid.NewGuid(),
    };
}

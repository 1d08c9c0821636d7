using System.Collections.Concurrent;
using System.Diagnostics;

namespace OrleansCompute.Scheduling;

/// <summary>
/// This silo's view of the hosts' usage, so the scheduler does not ask every host on every create (issue 19). A
/// host grain active on this silo publishes its usage after every change and withdraws it when it deactivates:
/// those entries are exact. A host active elsewhere is read by the scheduler and kept for
/// <see cref="RemoteLifetime"/>, and moved by the scheduler's own claims on it. The view only chooses; the host
/// grain's claim stays the authority (a claim that does not fit is refused, and the scheduler reads that host
/// again), and the scheduler answers NoValidHost only from usage read fresh.
/// </summary>
public sealed class HostUsageView
{
    /// <summary>How long a host active on another silo is trusted without asking it.</summary>
    public static readonly TimeSpan RemoteLifetime = TimeSpan.FromMilliseconds(500);

    private readonly ConcurrentDictionary<string, Entry> _hosts = new(StringComparer.Ordinal);

    /// <summary>From the host grain on this silo: exact until the grain withdraws it.</summary>
    internal void Publish(HostUsage usage) => _hosts[usage.Host] = new Entry(usage, Local: true, 0);

    /// <summary>The host grain on this silo deactivates: what it published is no longer kept up to date.</summary>
    internal void Withdraw(string host) => _hosts.TryRemove(host, out _);

    /// <summary>A host read by the scheduler (unless its own grain published meanwhile).</summary>
    internal void Remember(HostUsage usage)
    {
        var read = new Entry(usage, Local: false, Stopwatch.GetTimestamp());
        _hosts.AddOrUpdate(usage.Host, read, (_, held) => held.Local ? held : read);
    }

    /// <summary>The scheduler claimed on a host active elsewhere: its copy moves by the claim until it is read again.</summary>
    internal void Claimed(string host, IEnumerable<HostClaim> claims)
    {
        if (_hosts.TryGetValue(host, out var held) && !held.Local)
        {
            var usage = claims.Aggregate(held.Usage, (u, c) => u.Plus(c.Vcpus, c.RamMb, c.DiskGb));
            _hosts.TryUpdate(host, held with { Usage = usage }, held);
        }
    }

    /// <summary>The usage to schedule with, when this view has one it trusts (real elapsed time: a cache, not the domain's clock).</summary>
    internal bool TryGet(string host, out HostUsage usage)
    {
        if (_hosts.TryGetValue(host, out var held) && (held.Local || Stopwatch.GetElapsedTime(held.ReadAt) < RemoteLifetime))
        {
            usage = held.Usage;
            return true;
        }

        usage = null!;
        return false;
    }

    /// <summary>Whether the host's entry is published by its grain on this silo (exact).</summary>
    internal bool IsExact(string host) => _hosts.TryGetValue(host, out var held) && held.Local;

    private sealed record Entry(HostUsage Usage, bool Local, long ReadAt);
}

using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansCompute.Catalog;

namespace OrleansCompute.Api.Operator;

/// <summary>
/// The operator's way to add and remove compute hosts at run time, as starting or retiring a nova-compute: a reload
/// of <c>Compute:Catalog:Hosts</c> (an edited appsettings.json, or the file of <c>--Compute:ConfigFile</c>) registers
/// the hosts it adds (and the new capacity or ratios of those it changes), and removes a host it drops only when
/// that host hosts nothing; one that still hosts servers stays, with a warning, and goes at a later reload once empty.
/// </summary>
internal sealed partial class HostConfigurationWatcher(
    IOptionsMonitor<CatalogOptions> options, ComputeCatalog catalog, IGrainFactory grains, TimeProvider time, ILogger<HostConfigurationWatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // One pending signal is enough: a burst of file events reads the configuration once.
        var reloads = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        using var subscription = options.OnChange((_, _) => reloads.Writer.TryWrite(true));
        var applied = catalog.ConfiguredHosts;
        // Hosts a reload dropped that still hosted servers: every later reload tries them again.
        var kept = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var _ in reloads.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                var configured = ComputeCatalog.HostsOf(options.CurrentValue);
                if (Invalid(configured) is { } reason)
                {
                    LogInvalid(reason);
                    continue;
                }

                await ApplyAsync(applied, configured, kept);
                applied = configured;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // The next reload computes the same difference again (registering is idempotent).
                LogReloadFailed(exception);
            }
        }
    }

    private async Task ApplyAsync(IReadOnlyList<HostDefinition> before, IReadOnlyList<HostDefinition> after, HashSet<string> kept)
    {
        var now = time.GetUtcNow();
        await HostRegistrations.RegisterAsync(grains, catalog, after, now);
        var configured = after.Select(h => h.Name).ToHashSet(StringComparer.Ordinal);
        kept.RemoveWhere(configured.Contains);
        var dropped = before.Select(h => h.Name).Concat(kept).Where(h => !configured.Contains(h)).Distinct(StringComparer.Ordinal).ToList();
        foreach (var host in dropped)
        {
            if (await HostRegistrations.TryRemoveAsync(grains, catalog, host, now))
            {
                kept.Remove(host);
                LogRemoved(host);
            }
            else
            {
                kept.Add(host);
                LogKept(host);
            }
        }
    }

    private static string? Invalid(IReadOnlyList<HostDefinition> hosts)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var host in hosts)
        {
            if (string.IsNullOrWhiteSpace(host.Name) || !names.Add(host.Name))
            {
                return "every host needs a Name of its own";
            }

            if (host.Vcpus < 1 || host.RamMb < 1 || host.DiskGb < 1 || host.CpuAllocationRatio <= 0 || host.RamAllocationRatio <= 0 || host.DiskAllocationRatio <= 0)
            {
                return $"host {host.Name} needs a positive capacity and positive allocation ratios";
            }
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The reloaded Compute:Catalog:Hosts is not applied: {Reason}")]
    private partial void LogInvalid(string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Applying the reloaded Compute:Catalog:Hosts failed; the next reload tries again")]
    private partial void LogReloadFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Compute host {Host} left the configuration and is removed")]
    private partial void LogRemoved(string host);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Compute host {Host} left the configuration but still hosts servers or migrations: it stays registered until it is empty and the configuration is reloaded again (or its service is deleted)")]
    private partial void LogKept(string host);
}

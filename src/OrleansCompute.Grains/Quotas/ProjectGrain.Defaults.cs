using Microsoft.Extensions.Logging;

namespace OrleansCompute.Quotas;

/// <summary>
/// A project's defaults: the configured ones (<c>Compute:Quota</c>) overridden by the quota class <c>default</c>
/// (<see cref="IQuotaClassGrain"/>), as Nova's <c>quota_class_get_default</c>. Claims read the class again when
/// the copy here is older than <see cref="ClassDefaultsLifetime"/> (at most one call per project and interval on
/// the create path); the quota reads of the API read it every time, so an operator sees a change at once.
/// </summary>
internal sealed partial class ProjectGrain
{
    private static readonly TimeSpan ClassDefaultsLifetime = TimeSpan.FromSeconds(2);

    private QuotaLimits? _classDefaults;
    private DateTimeOffset _classDefaultsReadAt;

    private QuotaLimits Defaults => _classDefaults ?? defaults.Value;

    private async Task RefreshDefaultsAsync(bool always = false)
    {
        if (!always && _classDefaults is not null && clock.UtcNow - _classDefaultsReadAt < ClassDefaultsLifetime)
        {
            return;
        }

        try
        {
            var set = await GrainFactory.GetGrain<IQuotaClassGrain>(IQuotaClassGrain.Default).GetAsync();
            var known = defaults.Value.Named().Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
            var limits = defaults.Value;
            foreach (var (name, value) in set.Where(s => known.Contains(s.Key)))
            {
                limits = limits.With(name, value);
            }

            _classDefaults = limits;
            _classDefaultsReadAt = clock.UtcNow;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The class is an operator's override: while it cannot be read, the last copy (or the configuration) holds.
            LogClassDefaultsUnreadable(logger, exception, this.GetPrimaryKeyString());
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The default quota class could not be read for project {ProjectId}; the last known defaults apply")]
    private static partial void LogClassDefaultsUnreadable(ILogger logger, Exception exception, string projectId);
}

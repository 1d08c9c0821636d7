using OrleansCompute.Quotas;

namespace OrleansCompute.Hosting;

/// <summary>
/// Quotas set in code become configuration keys: <see cref="QuotaLimits"/> is an immutable record that the options
/// system can only fill by binding, so code-set defaults travel the same way as <c>Compute:Quota</c>.
/// </summary>
internal static class ComputeQuotaConfiguration
{
    public static IEnumerable<KeyValuePair<string, string?>> AsConfiguration(QuotaLimits quotas)
    {
        string Key(string name) => QuotaLimits.SectionName + ":" + name;
        static string Value(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        yield return new(Key(nameof(QuotaLimits.Instances)), Value(quotas.Instances));
        yield return new(Key(nameof(QuotaLimits.Cores)), Value(quotas.Cores));
        yield return new(Key(nameof(QuotaLimits.Ram)), Value(quotas.Ram));
        yield return new(Key(nameof(QuotaLimits.MetadataItems)), Value(quotas.MetadataItems));
        yield return new(Key(nameof(QuotaLimits.InjectedFiles)), Value(quotas.InjectedFiles));
        yield return new(Key(nameof(QuotaLimits.InjectedFileContentBytes)), Value(quotas.InjectedFileContentBytes));
        yield return new(Key(nameof(QuotaLimits.InjectedFilePathBytes)), Value(quotas.InjectedFilePathBytes));
        yield return new(Key(nameof(QuotaLimits.KeyPairs)), Value(quotas.KeyPairs));
        yield return new(Key(nameof(QuotaLimits.ServerGroups)), Value(quotas.ServerGroups));
        yield return new(Key(nameof(QuotaLimits.ServerGroupMembers)), Value(quotas.ServerGroupMembers));
    }
}

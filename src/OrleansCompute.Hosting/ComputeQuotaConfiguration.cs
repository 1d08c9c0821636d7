using Microsoft.Extensions.Configuration;
using OrleansCompute.Quotas;

namespace OrleansCompute.Hosting;

/// <summary>
/// Quotas set in code, applied after <c>Compute:Quota</c>: <see cref="QuotaLimits"/> is an immutable record that the
/// options system fills only by binding, so the code-set values are bound into it as well, from a configuration
/// of their own (the application's configuration is left as it is).
/// </summary>
internal static class ComputeQuotaConfiguration
{
    public static Action<QuotaLimits> Apply(QuotaLimits quotas)
    {
        var values = new ConfigurationBuilder().AddInMemoryCollection(AsConfiguration(quotas)).Build();
        return limits => values.Bind(limits);
    }

    private static IEnumerable<KeyValuePair<string, string?>> AsConfiguration(QuotaLimits quotas)
    {
        static string Value(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        yield return new(nameof(QuotaLimits.Instances), Value(quotas.Instances));
        yield return new(nameof(QuotaLimits.Cores), Value(quotas.Cores));
        yield return new(nameof(QuotaLimits.Ram), Value(quotas.Ram));
        yield return new(nameof(QuotaLimits.MetadataItems), Value(quotas.MetadataItems));
        yield return new(nameof(QuotaLimits.InjectedFiles), Value(quotas.InjectedFiles));
        yield return new(nameof(QuotaLimits.InjectedFileContentBytes), Value(quotas.InjectedFileContentBytes));
        yield return new(nameof(QuotaLimits.InjectedFilePathBytes), Value(quotas.InjectedFilePathBytes));
        yield return new(nameof(QuotaLimits.KeyPairs), Value(quotas.KeyPairs));
        yield return new(nameof(QuotaLimits.ServerGroups), Value(quotas.ServerGroups));
        yield return new(nameof(QuotaLimits.ServerGroupMembers), Value(quotas.ServerGroupMembers));
    }
}

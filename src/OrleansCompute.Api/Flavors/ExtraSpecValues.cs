using System.Text.RegularExpressions;

namespace OrleansCompute.Api.Flavors;

/// <summary>
/// The value checks Nova applies from 2.86 to well-known extra spec keys (nova/api/validation/extra_specs). Keys
/// without a namespace or in an unknown one are accepted as they are. A subset: the keys clients and schedulers
/// commonly set; other keys of the known namespaces are accepted unchecked.
/// </summary>
internal static partial class ExtraSpecValues
{
    private static readonly Dictionary<string, string[]> Choices = new(StringComparer.Ordinal)
    {
        ["hw:cpu_policy"] = ["shared", "dedicated", "mixed"],
        ["hw:cpu_thread_policy"] = ["prefer", "isolate", "require"],
        ["hw:emulator_threads_policy"] = ["share", "isolate"],
        ["hw:watchdog_action"] = ["none", "pause", "poweroff", "reset", "disabled"],
        ["hw:mem_encryption"] = ["true", "false", "True", "False", "1", "0", "yes", "no"],
        ["hw_rng:allowed"] = ["true", "false", "True", "False", "1", "0", "yes", "no"],
        ["group_policy"] = ["none", "isolate"],
        ["hide_hypervisor_id"] = ["true", "false", "True", "False", "1", "0", "yes", "no"],
    };

    private static readonly string[] IntegerKeys = ["hw:numa_nodes", "hw:cpu_sockets", "hw:cpu_cores", "hw:cpu_threads", "hw:cpu_max_sockets", "hw:cpu_max_cores", "hw:cpu_max_threads", "hw_rng:rate_bytes", "hw_rng:rate_period", "hw_video:ram_max_mb"];

    /// <summary>Why the value is refused, in Nova's words, or null when it is fine.</summary>
    public static string? Problem(string key, string value)
    {
        if (Choices.TryGetValue(key, out var choices))
        {
            return choices.Contains(value, StringComparer.Ordinal) ? null : $"extra spec '{key}' value '{value}' is not one of: {string.Join(", ", choices)}";
        }

        if (IntegerKeys.Contains(key, StringComparer.Ordinal) || key.StartsWith("quota:", StringComparison.Ordinal) || ResourceKey().IsMatch(key))
        {
            return long.TryParse(value, out var number) && number >= 0 ? null : $"extra spec '{key}' value '{value}' is not a valid non-negative integer";
        }

        if (TraitKey().IsMatch(key))
        {
            return value is "required" or "forbidden" ? null : $"extra spec '{key}' value '{value}' is not one of: required, forbidden";
        }

        if (key == "hw:mem_page_size")
        {
            return value is "small" or "large" or "any" || PageSize().IsMatch(value) ? null : $"extra spec '{key}' value '{value}' is not a valid page size";
        }

        return null;
    }

    [GeneratedRegex("^resources[0-9]*:[A-Z0-9_]+$")]
    private static partial Regex ResourceKey();

    [GeneratedRegex("^trait[0-9]*:[A-Za-z0-9_]+$")]
    private static partial Regex TraitKey();

    [GeneratedRegex("^[0-9]+([KMGT]i?B?)?$", RegexOptions.IgnoreCase)]
    private static partial Regex PageSize();
}

using YamlDotNet.RepresentationModel;

namespace OrleansCompute.Api.Policy;

/// <summary>
/// Reads a policy file: a YAML mapping of rule names to check strings (JSON is YAML too, so Nova's older
/// <c>policy.json</c> reads as well).
/// </summary>
internal static class PolicyFileReader
{
    public static IReadOnlyDictionary<string, string> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The policy file '{path}' (Compute:Policy:File) does not exist.", path);
        }

        using var reader = new StreamReader(path);
        var stream = new YamlStream();
        stream.Load(reader);
        var rules = new Dictionary<string, string>(StringComparer.Ordinal);
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return rules;
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode mapping)
        {
            throw new FormatException($"The policy file '{path}' is not a mapping of rule names to check strings.");
        }

        foreach (var (key, value) in mapping.Children)
        {
            if (key is not YamlScalarNode { Value: { } name } || value is not YamlScalarNode rule)
            {
                throw new FormatException($"The policy file '{path}' has an entry that is not \"rule name\": \"check string\".");
            }

            rules[name] = rule.Value ?? "";
        }

        return rules;
    }
}

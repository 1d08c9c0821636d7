using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using OrleansCompute.Api.Validation;

namespace OrleansCompute.Api.Servers;

/// <summary>
/// Nova's schema for <c>os:scheduler_hints</c>: the known hints have types and formats, any other key is
/// allowed as it is (out-of-tree filters read them).
/// </summary>
internal static partial class SchedulerHintRules
{
    public static void Check(string hint, JsonElement value)
    {
        switch (hint)
        {
            case "group":
                UuidOrList(hint, value);
                break;
            case "different_host":
                UuidOrList(hint, value);
                break;
            case "same_host":
                if (value.ValueKind == JsonValueKind.Array)
                {
                    UuidOrList(hint, value);
                }
                else if (value.ValueKind != JsonValueKind.String)
                {
                    throw SchemaErrors.Invalid($"os:scheduler_hints/{hint}", value, $"{SchemaErrors.Quoted(value)} is not of type 'string', 'array'");
                }

                break;
            case "query":
                if (value.ValueKind is not (JsonValueKind.String or JsonValueKind.Object))
                {
                    throw SchemaErrors.Invalid("os:scheduler_hints/query", value, $"{SchemaErrors.Quoted(value)} is not of type 'string', 'object'");
                }

                break;
            case "target_cell":
                if (value.ValueKind != JsonValueKind.String || !NameRules.IsValidName(value.GetString()!))
                {
                    throw SchemaErrors.Invalid("os:scheduler_hints/target_cell", value, $"{SchemaErrors.Quoted(value)} is not a valid name");
                }

                break;
            case "different_cell":
                if (value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String) : value.ValueKind != JsonValueKind.String)
                {
                    throw SchemaErrors.Invalid("os:scheduler_hints/different_cell", value, $"{SchemaErrors.Quoted(value)} is not of type 'string', 'array'");
                }

                break;
            case "build_near_host_ip":
                if (value.ValueKind != JsonValueKind.String || !IPAddress.TryParse(value.GetString(), out _))
                {
                    throw SchemaErrors.Invalid("os:scheduler_hints/build_near_host_ip", value, $"{SchemaErrors.Quoted(value)} is not a 'ip-address'");
                }

                break;
            case "cidr":
                if (value.ValueKind != JsonValueKind.String || !Cidr().IsMatch(value.GetString()!))
                {
                    throw SchemaErrors.Invalid("os:scheduler_hints/cidr", value, $"{SchemaErrors.Quoted(value)} does not match '^/[0-9a-f.:]+$'");
                }

                break;
        }
    }

    private static void UuidOrList(string hint, JsonElement value)
    {
        var items = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToList() : [value];
        foreach (var item in items)
        {
            if (item.ValueKind != JsonValueKind.String || !Guid.TryParse(item.GetString(), out _))
            {
                throw SchemaErrors.Invalid($"os:scheduler_hints/{hint}", item, $"{SchemaErrors.Quoted(item)} is not a 'uuid'");
            }
        }
    }

    [GeneratedRegex("^/[0-9a-f.:]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Cidr();
}

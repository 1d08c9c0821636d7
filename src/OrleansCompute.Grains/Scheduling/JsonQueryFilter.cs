using System.Globalization;
using System.Text.Json;

namespace OrleansCompute.Scheduling;

/// <summary>
/// Nova's JsonFilter (the <c>query</c> hint): a prefix expression such as
/// <c>["and", ["&gt;=", "$free_ram_mb", 1024], ["=", "$hypervisor_hostname", "compute-1"]]</c> with the
/// operators =, &lt;, &gt;, &lt;=, &gt;=, in, not, or, and over host variables. As in Nova, an unknown
/// variable makes its comparison pass, and the query fails closed only on false results.
/// </summary>
internal static class JsonQueryFilter
{
    public static bool Matches(JsonElement query, HostUsage host) => Truthy(Evaluate(query, host));

    /// <summary>Parses the hint (a JSON string, or already JSON); null for text that is not a JSON array.</summary>
    public static JsonElement? Parse(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Array ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static object? Evaluate(JsonElement element, HostUsage host)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            return Value(element, host);
        }

        var items = element.EnumerateArray().ToList();
        if (items.Count == 0 || items[0].ValueKind != JsonValueKind.String)
        {
            return true;
        }

        var op = items[0].GetString();
        var args = items.Skip(1).Select(a => Evaluate(a, host)).ToList();
        return op switch
        {
            "=" => Compare(args, c => c == 0),
            "<" => Compare(args, c => c < 0),
            ">" => Compare(args, c => c > 0),
            "<=" => Compare(args, c => c <= 0),
            ">=" => Compare(args, c => c >= 0),
            "in" => args.Count < 2 || args.Skip(1).Any(a => CompareValues(args[0], a) == 0),
            "not" => args.All(a => !Truthy(a)),
            "or" => args.Any(Truthy),
            "and" => args.All(Truthy),
            _ => true,
        };
    }

    private static bool Compare(List<object?> args, Func<int, bool> test)
    {
        if (args.Count < 2 || args.Any(a => a is null))
        {
            // Nova passes a comparison it cannot evaluate.
            return true;
        }

        for (var i = 0; i + 1 < args.Count; i++)
        {
            if (!test(CompareValues(args[i], args[i + 1])))
            {
                return false;
            }
        }

        return true;
    }

    private static int CompareValues(object? left, object? right)
    {
        if (left is double a && right is double b)
        {
            return a.CompareTo(b);
        }

        if (left is double x && double.TryParse(right?.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var y))
        {
            return x.CompareTo(y);
        }

        if (right is double y2 && double.TryParse(left?.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var x2))
        {
            return x2.CompareTo(y2);
        }

        return string.CompareOrdinal(left?.ToString(), right?.ToString());
    }

    private static object? Value(JsonElement element, HostUsage host) => element.ValueKind switch
    {
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String when element.GetString()!.StartsWith('$') => Variable(element.GetString()![1..], host),
        JsonValueKind.String => element.GetString(),
        _ => null,
    };

    private static object? Variable(string name, HostUsage host) => name switch
    {
        "free_ram_mb" => (double)host.FreeRamMb,
        "free_disk_mb" => (double)host.FreeDiskGb * 1024,
        "free_vcpus" => (double)host.FreeVcpus,
        "total_usable_ram_mb" => (double)host.UsableRamMb,
        "total_usable_disk_gb" => (double)host.UsableDiskGb,
        "vcpus_total" => (double)host.TotalVcpus,
        "vcpus_used" => (double)host.UsedVcpus,
        "num_instances" => (double)host.Consumers,
        "host" => host.Host,
        "nodename" or "hypervisor_hostname" => host.Node,
        "host_ip" => host.HostIp,
        "availability_zone" => host.AvailabilityZone,
        _ => null,
    };

    private static bool Truthy(object? value) => value switch
    {
        null => false,
        bool b => b,
        double d => d != 0,
        string s => s.Length > 0,
        _ => true,
    };
}

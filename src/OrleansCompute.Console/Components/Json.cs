using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrleansCompute.WebConsole.Components;

/// <summary>Small readers of API JSON for the views: text of a field, a scalar for a table cell, an age.</summary>
public static class Json
{
    public static string Text(JsonNode? node, string key) => node?[key] is JsonValue v ? v.ToString() : "";

    /// <summary>A scalar as shown in a cell (null as an em dash); objects and arrays as compact JSON.</summary>
    public static string Cell(JsonNode? value) => value switch
    {
        null => "—",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>() is { Length: > 0 } s ? s : "—",
        _ => value.ToJsonString(),
    };

    /// <summary>"3 min" from an ISO time, relative to now.</summary>
    public static string Age(string? iso, DateTimeOffset now)
    {
        if (!DateTimeOffset.TryParse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            return "";
        }

        var age = now - at;
        return age.TotalMinutes < 1 ? $"{Math.Max(0, (int)age.TotalSeconds)} s"
            : age.TotalHours < 1 ? $"{(int)age.TotalMinutes} min"
            : age.TotalDays < 1 ? $"{(int)age.TotalHours} h"
            : $"{(int)age.TotalDays} d";
    }

    /// <summary>The server's addresses as "net: 10.0.0.3, ..." lines.</summary>
    public static IEnumerable<string> Addresses(JsonNode? server)
    {
        if (server?["addresses"] is not JsonObject networks)
        {
            yield break;
        }

        foreach (var (network, list) in networks)
        {
            var ips = (list as JsonArray ?? []).Select(a => a?["addr"]?.ToString()).OfType<string>();
            yield return network + ": " + string.Join(", ", ips);
        }
    }

    /// <summary>Nova's power_state number as its name.</summary>
    public static string PowerState(JsonNode? server) => server?["OS-EXT-STS:power_state"]?.ToString() switch
    {
        "0" => "NOSTATE",
        "1" => "Running",
        "3" => "Paused",
        "4" => "Shutdown",
        "6" => "Crashed",
        "7" => "Suspended",
        var other => other ?? "",
    };

    /// <summary>CSS class of a status badge.</summary>
    public static string StatusClass(string status) => status switch
    {
        "ACTIVE" => "status ok",
        "ERROR" => "status bad",
        "SHUTOFF" or "SHELVED" or "SHELVED_OFFLOADED" or "PAUSED" or "SUSPENDED" or "SOFT_DELETED" => "status off",
        _ => "status busy",
    };
}

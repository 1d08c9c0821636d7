using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using OrleansCompute.Networking;

namespace OrleansCompute.Api.Network;

/// <summary>
/// A Neutron list over rendered resources: filters on any top-level attribute (repeated keys OR, different keys
/// AND, booleans in any of Neutron's spellings), <c>fixed_ips=</c> and tag filters, <c>sort_key</c>/<c>sort_dir</c>
/// pairs with id as the tie-break, <c>limit</c>/<c>marker</c>/<c>page_reverse</c> with <c>&lt;collection&gt;_links</c>,
/// and <c>fields</c>.
/// </summary>
internal static class NeutronListing
{
    private static readonly HashSet<string> Reserved = ["fields", "sort_key", "sort_dir", "limit", "marker", "page_reverse"];

    private static readonly HashSet<string> TagFilters = ["tags", "tags-any", "not-tags", "not-tags-any"];

    public static IResult Respond(HttpContext context, string collection, IEnumerable<JsonObject> all, IReadOnlySet<string> sortKeys, Func<string, NeutronFaultException> markerNotFound)
    {
        var query = context.Request.Query;
        var items = Filter(all, query).ToList();
        items = Sort(items, query, sortKeys);

        var limit = Limit(query);
        var reverse = query.TryGetValue("page_reverse", out var reverseText) && NeutronBody.ParseBool(reverseText[^1] ?? "") == true;
        var marker = query.TryGetValue("marker", out var markerText) ? markerText[^1] : null;
        var ordered = reverse ? Enumerable.Reverse(items).ToList() : items;
        var start = 0;
        if (marker is not null && limit > 0)
        {
            var at = ordered.FindIndex(i => i["id"]?.GetValue<string>() == marker);
            start = at >= 0 ? at + 1 : throw markerNotFound(marker);
        }

        var page = limit > 0 ? ordered.Skip(start).Take(limit).ToList() : ordered;
        var more = limit > 0 && start + page.Count < ordered.Count;
        if (reverse)
        {
            page.Reverse();
        }

        var body = new JsonObject { [collection] = new JsonArray(page.Select(i => (JsonNode)Fields(i, query)).ToArray()) };
        if (limit > 0)
        {
            var links = new JsonArray();
            var hasNext = reverse ? marker is not null : more;
            var hasPrevious = reverse ? more : marker is not null;
            if (hasNext && page.Count > 0)
            {
                links.Add(Link(context, "next", page[^1]["id"]!.GetValue<string>(), reverse: false));
            }

            if (hasPrevious && page.Count > 0)
            {
                links.Add(Link(context, "previous", page[0]["id"]!.GetValue<string>(), reverse: true));
            }

            body[collection + "_links"] = links;
        }

        return NeutronResponses.Json(200, body);
    }

    /// <summary>Only the asked <c>fields</c>, when any are asked (show and list alike).</summary>
    public static JsonObject Fields(JsonObject item, IQueryCollection query)
    {
        if (!query.TryGetValue("fields", out var fields) || fields.Count == 0)
        {
            return item;
        }

        var wanted = fields.SelectMany(f => (f ?? "").Split(',')).ToHashSet(StringComparer.Ordinal);
        var kept = new JsonObject();
        foreach (var (key, value) in item)
        {
            if (wanted.Contains(key))
            {
                kept[key] = value?.DeepClone();
            }
        }

        return kept;
    }

    private static IEnumerable<JsonObject> Filter(IEnumerable<JsonObject> items, IQueryCollection query)
    {
        if (query.ContainsKey("project_id") && query.ContainsKey("tenant_id"))
        {
            throw NeutronFaultException.BadRequest("Both 'project_id' and 'tenant_id' were given as filters.");
        }

        foreach (var (key, values) in query)
        {
            if (Reserved.Contains(key))
            {
                continue;
            }

            if (TagFilters.Contains(key))
            {
                var tags = values.SelectMany(v => (v ?? "").Split(',')).ToList();
                items = items.Where(i => TagsMatch(i, key, tags)).ToList();
                continue;
            }

            if (key == "fixed_ips")
            {
                items = items.Where(i => values.Any(v => FixedIpMatches(i, v ?? ""))).ToList();
                continue;
            }

            var materialized = items.ToList();
            if (materialized.Count > 0 && !materialized[0].ContainsKey(key))
            {
                throw NeutronFaultException.BadRequest($"{key} is invalid attribute for filtering", "HTTPBadRequest");
            }

            items = materialized.Where(i => values.Any(v => Matches(i[key], v ?? ""))).ToList();
        }

        return items;
    }

    private static bool Matches(JsonNode? value, string wanted)
    {
        if (value is null)
        {
            return wanted.Length == 0;
        }

        return value.GetValueKind() switch
        {
            JsonValueKind.True => NeutronBody.ParseBool(wanted) == true,
            JsonValueKind.False => NeutronBody.ParseBool(wanted) == false,
            JsonValueKind.Array => value.AsArray().Any(v => v is not null && Matches(v, wanted)),
            JsonValueKind.String => value.GetValue<string>() == wanted,
            _ => value.ToJsonString() == wanted,
        };
    }

    private static bool FixedIpMatches(JsonObject item, string filter)
    {
        var split = filter.Split('=', 2);
        if (split.Length != 2 || item["fixed_ips"] is not JsonArray fixedIps)
        {
            return false;
        }

        return fixedIps.OfType<JsonObject>().Any(f => split[0] switch
        {
            "ip_address" => f["ip_address"]?.GetValue<string>() == split[1],
            "subnet_id" => f["subnet_id"]?.GetValue<string>() == split[1],
            "ip_address_substr" => f["ip_address"]?.GetValue<string>().Contains(split[1], StringComparison.Ordinal) == true,
            _ => false,
        });
    }

    private static bool TagsMatch(JsonObject item, string filter, List<string> tags)
    {
        var held = (item["tags"] as JsonArray)?.Select(t => t?.GetValue<string>()).ToHashSet(StringComparer.Ordinal) ?? [];
        return filter switch
        {
            "tags" => tags.All(held.Contains),
            "tags-any" => tags.Any(held.Contains),
            "not-tags" => !tags.All(held.Contains),
            _ => !tags.Any(held.Contains),
        };
    }

    private static List<JsonObject> Sort(List<JsonObject> items, IQueryCollection query, IReadOnlySet<string> sortKeys)
    {
        var keys = query.TryGetValue("sort_key", out var k) ? k.Select(x => x ?? "").ToList() : [];
        var dirs = query.TryGetValue("sort_dir", out var d) ? d.Select(x => x ?? "").ToList() : [];
        if (dirs.Count > 0 && dirs.Count != keys.Count)
        {
            throw NeutronFaultException.BadRequest("The number of sort_keys and sort_dirs must be same");
        }

        foreach (var key in keys)
        {
            if (!sortKeys.Contains(key) && key != "tenant_id")
            {
                throw NeutronFaultException.BadRequest($"{key} is invalid attribute for sort_keys");
            }
        }

        foreach (var dir in dirs)
        {
            if (dir is not ("asc" or "desc"))
            {
                throw NeutronFaultException.BadRequest($"{dir} is invalid value for sort_dirs, valid value is 'asc' and 'desc'");
            }
        }

        var comparer = Comparer<JsonObject>.Create((a, b) =>
        {
            for (var i = 0; i < keys.Count; i++)
            {
                var key = keys[i] == "tenant_id" ? "project_id" : keys[i];
                var order = Compare(a[key], b[key]);
                if (order != 0)
                {
                    return dirs.Count > i && dirs[i] == "desc" ? -order : order;
                }
            }

            return string.CompareOrdinal(a["id"]?.GetValue<string>(), b["id"]?.GetValue<string>());
        });
        items.Sort(comparer);
        return items;
    }

    private static int Compare(JsonNode? a, JsonNode? b)
    {
        if (a is null || b is null)
        {
            return (a is null ? 0 : 1) - (b is null ? 0 : 1);
        }

        var kind = a.GetValueKind();
        if (kind == JsonValueKind.Number && b.GetValueKind() == JsonValueKind.Number)
        {
            return a.GetValue<decimal>().CompareTo(b.GetValue<decimal>());
        }

        if (kind is JsonValueKind.True or JsonValueKind.False)
        {
            return (kind == JsonValueKind.True ? 1 : 0) - (b.GetValueKind() == JsonValueKind.True ? 1 : 0);
        }

        return string.CompareOrdinal(kind == JsonValueKind.String ? a.GetValue<string>() : a.ToJsonString(),
            b.GetValueKind() == JsonValueKind.String ? b.GetValue<string>() : b.ToJsonString());
    }

    private static int Limit(IQueryCollection query)
    {
        if (!query.TryGetValue("limit", out var text))
        {
            return 0;
        }

        return int.TryParse(text[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var limit)
            ? limit
            : throw NeutronFaultException.BadRequest($"Bad limit request: Limit must be an integer 0 or greater and not '{text[^1]}'");
    }

    private static JsonObject Link(HttpContext context, string rel, string marker, bool reverse)
    {
        var request = context.Request;
        var parameters = request.Query
            .Where(q => q.Key is not ("marker" or "page_reverse"))
            .SelectMany(q => q.Value.Select(v => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(v ?? "")}"))
            .Append("marker=" + Uri.EscapeDataString(marker));
        if (reverse)
        {
            parameters = parameters.Append("page_reverse=True");
        }

        var href = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}?{string.Join("&", parameters)}";
        return new JsonObject { ["rel"] = rel, ["href"] = href };
    }
}

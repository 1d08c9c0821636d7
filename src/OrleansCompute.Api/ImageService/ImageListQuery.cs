using System.Globalization;
using Microsoft.AspNetCore.Http;
using OrleansCompute.Faults;
using OrleansCompute.Identity;
using OrleansCompute.Images;

namespace OrleansCompute.Api.ImageService;

/// <summary>
/// <c>GET /v2/images</c>'s query as Glance reads it: filters (exact, <c>in:</c> lists, visibility and member
/// status, tags, sizes, times, any other key on an extra property), sorting (<c>sort_key</c>/<c>sort_dir</c> or
/// <c>sort</c>), <c>limit</c> (default 25, at most 1000) and <c>marker</c>. Every bad value is a 400.
/// </summary>
internal sealed class ImageListQuery
{
    public const int DefaultLimit = 25;
    public const int MaxLimit = 1000;

    private static readonly string[] SortKeys = ["name", "status", "container_format", "disk_format", "size", "id", "created_at", "updated_at"];
    private static readonly string[] ExactKeys = ["name", "id", "status", "container_format", "disk_format"];
    private static readonly string[] Paging = ["limit", "marker", "sort_key", "sort_dir", "sort"];

    private readonly List<Func<SnapshotImage, bool>> _filters = [];
    private readonly List<(string Key, bool Descending)> _sort = [];

    private ImageListQuery()
    {
    }

    public int Limit { get; private set; } = DefaultLimit;
    public string? Marker { get; private set; }
    public string? Visibility { get; private set; }
    public string MemberStatus { get; private set; } = ImageMember.Accepted;
    public bool? Hidden { get; private set; }

    /// <summary>The query string without the marker, for <c>first</c> and <c>next</c>.</summary>
    public string QueryWithoutMarker { get; private set; } = "";

    public static ImageListQuery Parse(IQueryCollection query)
    {
        var parsed = new ImageListQuery();
        parsed.QueryWithoutMarker = string.Join("&", query.Where(p => p.Key != "marker")
            .SelectMany(p => p.Value.Select(v => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(v ?? ""))));
        foreach (var (key, values) in query)
        {
            var value = values[^1] ?? "";
            switch (key)
            {
                case "limit":
                    parsed.Limit = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit)
                        ? Math.Min(limit, MaxLimit)
                        : throw ComputeFaultException.BadRequest("limit param must be an integer");
                    break;
                case "marker":
                    parsed.Marker = value;
                    break;
                case "visibility":
                    parsed.Visibility = value is "all" || ImageVisibility.All.Contains(value)
                        ? value
                        : throw ComputeFaultException.BadRequest($"Invalid visibility value: {value}");
                    break;
                case "member_status":
                    parsed.MemberStatus = value is "all" || ImageMember.Statuses.Contains(value)
                        ? value
                        : throw ComputeFaultException.BadRequest($"Invalid status value: {value}");
                    break;
                case "os_hidden":
                    parsed.Hidden = Bool(key, value);
                    break;
                case "protected":
                    var wanted = Bool(key, value);
                    parsed._filters.Add(i => i.Protected == wanted);
                    break;
                case "owner":
                    parsed._filters.Add(i => string.Equals(i.OwnerProjectId, value, StringComparison.Ordinal));
                    break;
                case "tag":
                    var tags = values.Select(v => v ?? "").ToList();
                    parsed._filters.Add(i => tags.All(t => i.Tags.Contains(t, StringComparer.Ordinal)));
                    break;
                case "size_min":
                case "size_max":
                    var size = long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes)
                        ? bytes
                        : throw ComputeFaultException.BadRequest($"Invalid {key} value: {value}");
                    parsed._filters.Add(key == "size_min" ? i => i.SizeKnown && i.SizeBytes >= size : i => i.SizeKnown && i.SizeBytes <= size);
                    break;
                case "created_at":
                case "updated_at":
                    parsed._filters.Add(TimeFilter(key, value));
                    break;
                case "checksum":
                    parsed._filters.Add(i => string.Equals(i.Checksum, value, StringComparison.Ordinal));
                    break;
                case "os_hash_value":
                    parsed._filters.Add(i => string.Equals(i.HashValue, value, StringComparison.Ordinal));
                    break;
                case "changes-since":
                    throw ComputeFaultException.BadRequest("The 'changes-since' filter is no longer available on v2.");
                case "sort_key":
                case "sort_dir":
                case "sort":
                    break;
                default:
                    if (ExactKeys.Contains(key))
                    {
                        parsed._filters.Add(ExactFilter(key, value));
                    }
                    else if (!Paging.Contains(key))
                    {
                        // Any other key filters on an additional property (Nova's backup rotation relies on it).
                        parsed._filters.Add(i => i.Metadata.TryGetValue(key, out var v) && string.Equals(v, value, StringComparison.Ordinal));
                    }

                    break;
            }
        }

        parsed.ParseSort(query);
        return parsed;
    }

    /// <summary>The page for <paramref name="caller"/> from every image it may read, and whether a next page may follow.</summary>
    public (IReadOnlyList<SnapshotImage> Page, bool More) Apply(IEnumerable<SnapshotImage> readable, CallerContext caller)
    {
        var listed = readable.Where(i => Listed(i, caller) && _filters.All(f => f(i)));
        var sorted = Sort(listed).ToList();
        if (Marker is not null)
        {
            var index = sorted.FindIndex(i => string.Equals(i.Id, Marker, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                throw ComputeFaultException.BadRequest($"Invalid marker. Image {Marker} could not be found.");
            }

            sorted = sorted.Skip(index + 1).ToList();
        }

        var page = sorted.Take(Limit).ToList();
        // Glance offers a next page whenever this one is full, so a last empty page is possible; limit 0 is an empty page without one.
        return (page, Limit > 0 && page.Count == Limit);
    }

    /// <summary>Glance's default list and its visibility and member-status filters (section "who sees what").</summary>
    private bool Listed(SnapshotImage image, CallerContext caller)
    {
        if (image.Hidden != (Hidden ?? false))
        {
            return false;
        }

        if (Visibility is not null and not "all" && image.Visibility != Visibility)
        {
            return false;
        }

        var own = ImageAccess.IsOwner(image, caller);
        if (image.Visibility == ImageVisibility.Community && !own && Visibility is not (ImageVisibility.Community or "all"))
        {
            return false;
        }

        if (image.Visibility == ImageVisibility.Shared && !own && !caller.IsAdmin)
        {
            var member = image.MemberOf(caller.ProjectId);
            return member is not null && (MemberStatus == "all" || member.Status == MemberStatus);
        }

        return true;
    }

    private IEnumerable<SnapshotImage> Sort(IEnumerable<SnapshotImage> images)
    {
        var keys = _sort.Count > 0 ? [.. _sort] : new List<(string Key, bool Descending)> { ("created_at", true) };
        var direction = keys[^1].Descending;
        foreach (var tieBreaker in new[] { "created_at", "id" })
        {
            if (!keys.Any(k => k.Key == tieBreaker))
            {
                keys.Add((tieBreaker, direction));
            }
        }

        IOrderedEnumerable<SnapshotImage>? ordered = null;
        foreach (var (key, descending) in keys)
        {
            Func<SnapshotImage, IComparable?> selector = key switch
            {
                "name" => i => i.Name,
                "status" => i => i.Status,
                "container_format" => i => i.ContainerFormat,
                "disk_format" => i => i.DiskFormat,
                "size" => i => i.SizeKnown ? i.SizeBytes : null,
                "id" => i => i.Id,
                "created_at" => i => i.Created,
                _ => i => i.Updated,
            };
            ordered = ordered is null
                ? descending ? images.OrderByDescending(selector) : images.OrderBy(selector)
                : descending ? ordered.ThenByDescending(selector) : ordered.ThenBy(selector);
        }

        return ordered!;
    }

    private void ParseSort(IQueryCollection query)
    {
        var hasSort = query.TryGetValue("sort", out var sort);
        var sortKeys = query.TryGetValue("sort_key", out var k) ? k.Select(v => v ?? "").ToList() : [];
        var sortDirs = query.TryGetValue("sort_dir", out var d) ? d.Select(v => v ?? "").ToList() : [];
        if (hasSort && (sortKeys.Count > 0 || sortDirs.Count > 0))
        {
            throw ComputeFaultException.BadRequest("The syntax sort=key:dir cannot be mixed with sort_key and sort_dir.");
        }

        if (hasSort)
        {
            foreach (var part in (sort[^1] ?? "").Split(','))
            {
                var pieces = part.Split(':', 2);
                _sort.Add((SortKey(pieces[0].Trim()), Descending(pieces.Length == 2 ? pieces[1].Trim() : "desc")));
            }

            return;
        }

        if (sortDirs.Count > 1 && sortDirs.Count != sortKeys.Count)
        {
            throw ComputeFaultException.BadRequest("Number of sort dirs does not match the number of sort keys");
        }

        for (var i = 0; i < sortKeys.Count; i++)
        {
            var direction = sortDirs.Count == 0 ? "desc" : sortDirs[sortDirs.Count == 1 ? 0 : i];
            _sort.Add((SortKey(sortKeys[i]), Descending(direction)));
        }

        if (sortKeys.Count == 0 && sortDirs.Count > 0)
        {
            _sort.Add(("created_at", Descending(sortDirs[0])));
        }
    }

    private static string SortKey(string key) =>
        SortKeys.Contains(key) ? key : throw ComputeFaultException.BadRequest($"Invalid sort key: {Short(key)}");

    private static bool Descending(string direction) => direction switch
    {
        "asc" => false,
        "desc" => true,
        _ => throw ComputeFaultException.BadRequest($"Invalid sort direction: {Short(direction)}"),
    };

    private static bool Bool(string key, string value) => value switch
    {
        "true" or "True" => true,
        "false" or "False" => false,
        _ => throw ComputeFaultException.BadRequest($"Invalid value for {key}: {Short(value)}; it must be true or false"),
    };

    private static Func<SnapshotImage, bool> ExactFilter(string key, string value)
    {
        IReadOnlyList<string> wanted;
        if (value.StartsWith("in:", StringComparison.Ordinal))
        {
            wanted = SplitIn(value[3..]);
        }
        else if (value.Length > 0 && value.IndexOf(':') > 0 && value.Split(':', 2)[0] is "gt" or "gte" or "lt" or "lte" or "eq" or "neq" or "nin")
        {
            throw ComputeFaultException.BadRequest($"Unable to filter by unknown operator '{value.Split(':', 2)[0]}'.");
        }
        else
        {
            wanted = [value];
        }

        Func<SnapshotImage, string?> field = key switch
        {
            "name" => i => i.Name,
            "id" => i => i.Id,
            "status" => i => i.Status.ToLowerInvariant(),
            "container_format" => i => i.ContainerFormat,
            _ => i => i.DiskFormat,
        };
        return i => field(i) is { } v && wanted.Contains(v, StringComparer.Ordinal);
    }

    /// <summary>The values of <c>in:a,b,"c,d"</c>: commas split, double quotes protect a value that has one.</summary>
    private static List<string> SplitIn(string list)
    {
        var values = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var c in list)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                values.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        if (quoted)
        {
            throw ComputeFaultException.BadRequest("Invalid filter value: unbalanced quotes.");
        }

        values.Add(current.ToString());
        return values;
    }

    private static Func<SnapshotImage, bool> TimeFilter(string key, string value)
    {
        var parts = value.Split(':', 2);
        var (op, text) = parts.Length == 2 && parts[0] is "gt" or "gte" or "eq" or "neq" or "lt" or "lte" ? (parts[0], parts[1]) : ("eq", value);
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            throw ComputeFaultException.BadRequest($"Invalid time format for {key}.");
        }

        Func<SnapshotImage, DateTimeOffset> field = key == "created_at" ? i => i.Created : i => i.Updated;
        return op switch
        {
            "gt" => i => field(i) > at,
            "gte" => i => field(i) >= at,
            "lt" => i => field(i) < at,
            "lte" => i => field(i) <= at,
            "neq" => i => field(i) != at,
            _ => i => field(i) == at,
        };
    }

    private static string Short(string text) => text.Length > 40 ? text[..40] + "..." : text;
}

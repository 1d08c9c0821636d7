using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using OrleansCompute.Faults;
using OrleansCompute.Volumes;

namespace OrleansCompute.Api.Volume;

/// <summary>
/// A list's query string as Cinder reads it: the filters a non-admin may use (others dropped below 3.31, 400 from
/// it), <c>all_tenants</c> for admins only, <c>limit</c> (at most 1000), <c>marker</c>, <c>offset</c>, and the sort
/// (<c>sort=key[:dir],...</c> or <c>sort_key</c>/<c>sort_dir</c>; a key without a direction is descending; Cinder's
/// default, newest first, when none is given).
/// </summary>
internal sealed record VolumeListQuery(VolumeIndexQuery Index, IReadOnlyDictionary<string, string> CodeFilters, int Limit, bool LimitGiven)
{
    public const int MaxLimit = 1000;

    private static readonly HashSet<string> Paging = new(StringComparer.Ordinal) { "limit", "marker", "offset", "sort", "sort_key", "sort_dir", "all_tenants", "with_count" };

    public static VolumeListQuery Parse<T>(VolumeRequest request, IReadOnlySet<string> filters, IReadOnlyDictionary<string, Func<T, IComparable?>> sortKeys)
    {
        var query = request.Context.Request.Query;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in query)
        {
            if (Paging.Contains(key))
            {
                continue;
            }

            if (filters.Contains(key) || request.Caller.IsAdmin)
            {
                values[key] = value[^1] ?? "";
            }
            else if (request.Version.AtLeast(31))
            {
                throw ComputeFaultException.BadRequest($"Invalid filters {key} are found in query options.");
            }
        }

        var sort = Sort(query, sortKeys.Keys);
        var limitGiven = query.TryGetValue("limit", out var limitText);
        var limit = limitGiven ? NonNegative("limit", limitText[^1]) : MaxLimit;
        var offset = query.TryGetValue("offset", out var offsetText) ? NonNegative("offset", offsetText[^1]) : 0;
        Guid? marker = null;
        if (query.TryGetValue("marker", out var markerText))
        {
            marker = Guid.TryParse(markerText[^1], out var id) ? id : throw ComputeFaultException.NotFound($"Marker {markerText[^1]} could not be found.");
        }

        var allTenants = request.Caller.IsAdmin && query.TryGetValue("all_tenants", out var all) && all[^1] is not ("0" or "false" or "False");
        string? Take(string key) => values.Remove(key, out var value) ? value : null;
        var volumeId = Take("volume_id");
        var index = new VolumeIndexQuery
        {
            ProjectId = allTenants ? null : request.Caller.ProjectId,
            Name = Take("name") ?? Take("display_name"),
            Status = Take("status"),
            VolumeId = volumeId is null ? null : Guid.TryParse(volumeId, out var vid) ? vid : Guid.Empty,
            Marker = marker,
            Limit = Math.Min(limit, MaxLimit),
            Offset = offset,
            Sort = sort is null ? null : VolumeSortKeys.WithTieBreakers(sort),
        };
        return new VolumeListQuery(index, values, index.Limit, limitGiven);
    }

    /// <summary>The filters that stay for code (metadata, bootable, size, availability_zone); null when none.</summary>
    public Func<VolumeRecord, bool>? VolumeMatches()
    {
        if (CodeFilters.Count == 0)
        {
            return null;
        }

        var metadata = CodeFilters.TryGetValue("metadata", out var text) ? ParseMetadata(text) : null;
        return volume => CodeFilters.All(filter => filter.Key switch
        {
            "metadata" => metadata!.All(pair => volume.Metadata.TryGetValue(pair.Key, out var value) && value == pair.Value),
            "bootable" => volume.Bootable == IsTrue(filter.Value),
            "size" => volume.Size.ToString(CultureInfo.InvariantCulture) == filter.Value,
            "availability_zone" => volume.AvailabilityZone == filter.Value,
            "description" => volume.Description == filter.Value,
            "user_id" => volume.UserId == filter.Value,
            // Admins may name any column; one this index does not know matches nothing, as Cinder's unknown columns.
            _ => false,
        });
    }

    public Func<VolumeSnapshotRecord, bool>? SnapshotMatches()
    {
        if (CodeFilters.Count == 0)
        {
            return null;
        }

        var metadata = CodeFilters.TryGetValue("metadata", out var text) ? ParseMetadata(text) : null;
        return snapshot => CodeFilters.All(filter => filter.Key switch
        {
            "metadata" => metadata!.All(pair => snapshot.Metadata.TryGetValue(pair.Key, out var value) && value == pair.Value),
            "availability_zone" => filter.Value == "nova",
            _ => false,
        });
    }

    private static bool IsTrue(string value) => value.ToLowerInvariant() is "true" or "t" or "yes" or "y" or "1" or "on";

    /// <summary>The <c>metadata</c> filter: a dict literal such as <c>{"k":"v"}</c> (Python's quotes accepted).</summary>
    private static Dictionary<string, string> ParseMetadata(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text.Replace('\'', '"'));
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText(), StringComparer.Ordinal)
                : throw ComputeFaultException.BadRequest($"Invalid input received: metadata filter {text} is not a dict.");
        }
        catch (JsonException)
        {
            throw ComputeFaultException.BadRequest($"Invalid input received: metadata filter {text} is not a dict.");
        }
    }

    private static int NonNegative(string name, string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw ComputeFaultException.BadRequest($"Invalid input received: {name} param must be an integer");

    /// <summary>The sort terms asked for (null when none); 400 for a key the list does not know or a bad direction.</summary>
    private static List<VolumeSortTerm>? Sort(IQueryCollection query, IEnumerable<string> known)
    {
        var terms = new List<VolumeSortTerm>();
        if (query.TryGetValue("sort", out var sort))
        {
            if (query.ContainsKey("sort_key") || query.ContainsKey("sort_dir"))
            {
                throw ComputeFaultException.BadRequest("The 'sort_key' and 'sort_dir' parameters are deprecated and cannot be used with the 'sort' parameter.");
            }

            foreach (var term in (sort[^1] ?? "").Split(',', StringSplitOptions.TrimEntries))
            {
                var parts = term.Split(':', 2, StringSplitOptions.TrimEntries);
                terms.Add(new VolumeSortTerm(parts[0], Descending(parts.Length > 1 ? parts[1] : null)));
            }
        }
        else if (query.TryGetValue("sort_key", out var sortKey) || query.ContainsKey("sort_dir"))
        {
            var key = sortKey.Count > 0 ? sortKey[^1] ?? "" : "created_at";
            terms.Add(new VolumeSortTerm(key, Descending(query.TryGetValue("sort_dir", out var direction) ? direction[^1] : null)));
        }

        var keys = known.ToHashSet(StringComparer.Ordinal);
        foreach (var term in terms.Where(term => !keys.Contains(term.Key)))
        {
            throw ComputeFaultException.BadRequest($"Invalid input received: Invalid sort key {term.Key}");
        }

        return terms.Count == 0 ? null : terms;
    }

    private static bool Descending(string? direction) => direction switch
    {
        null or "" or "desc" => true,
        "asc" => false,
        _ => throw ComputeFaultException.BadRequest("Invalid input received: Unknown sort direction, must be 'desc' or 'asc'"),
    };
}

using Microsoft.AspNetCore.Http;
using OrleansCompute.Api.Microversions;
using OrleansCompute.Api.Servers.Listing;
using OrleansCompute.Api.Validation;
using OrleansCompute.Faults;
using OrleansCompute.Migrations;

namespace OrleansCompute.Api.Migrations;

/// <summary>
/// <c>GET /os-migrations</c>'s query per microversion: the filters (exact matches; <c>host</c> is either end),
/// lenient before 2.59 and strict from 2.59 with paging (<c>limit</c>, <c>marker</c> = uuid) and
/// <c>changes-since</c>; <c>changes-before</c> from 2.66; <c>user_id</c>, <c>project_id</c> from 2.80.
/// </summary>
internal sealed record MigrationListQuery
{
    private const int MaxLimit = 1000;

    private static readonly string[] Filters = ["hidden", "host", "instance_uuid", "source_compute", "status", "migration_type"];

    public IReadOnlyDictionary<string, string> Values { get; private init; } = new Dictionary<string, string>();

    public DateTimeOffset? ChangesSince { get; private init; }

    public DateTimeOffset? ChangesBefore { get; private init; }

    public int? Limit { get; private init; }

    public string? Marker { get; private init; }

    /// <summary>The project the caller restricts the list to (2.80+), which spares it the all-projects rule when it is its own.</summary>
    public string? ProjectId => Values.GetValueOrDefault("project_id");

    public static MigrationListQuery Parse(IQueryCollection query, ApiVersion version)
    {
        var allowed = Filters.AsEnumerable();
        if (version.AtLeast(2, 59))
        {
            allowed = allowed.Concat(["limit", "marker", "changes-since"]);
        }

        if (version.AtLeast(2, 66))
        {
            allowed = allowed.Append("changes-before");
        }

        if (version.AtLeast(2, 80))
        {
            allowed = allowed.Concat(["user_id", "project_id"]);
        }

        var known = allowed.ToHashSet(StringComparer.Ordinal);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in query)
        {
            if (!known.Contains(name))
            {
                if (version.AtLeast(2, 59))
                {
                    throw ComputeFaultException.BadRequest($"Additional properties are not allowed ('{name}' was unexpected)");
                }

                continue;
            }

            values[name] = value[^1] ?? "";
        }

        var since = values.TryGetValue("changes-since", out var sinceText) ? Iso8601Timestamp.Parse("changes-since", sinceText) : (DateTimeOffset?)null;
        var before = values.TryGetValue("changes-before", out var beforeText) ? Iso8601Timestamp.Parse("changes-before", beforeText) : (DateTimeOffset?)null;
        if (since is { } s && before is { } b && b < s)
        {
            throw ComputeFaultException.BadRequest("The value of changes-since must be less than or equal to changes-before.");
        }

        var limit = known.Contains("limit") ? QueryIntegers.NonNegative(query, "limit") : null;
        return new MigrationListQuery
        {
            Values = values,
            ChangesSince = since,
            ChangesBefore = before,
            Limit = limit is { } l ? Math.Min(l, MaxLimit) : null,
            Marker = values.GetValueOrDefault("marker"),
        };
    }

    /// <summary>The matching records in Nova's order (2.59+: newest first), after the marker, up to the limit.</summary>
    public List<MigrationRecord> Apply(IEnumerable<MigrationRecord> records, bool paged)
    {
        foreach (var (name, value) in Values)
        {
            records = name switch
            {
                // Nothing is hidden here: asking for hidden records finds none.
                "hidden" => value.Trim().ToLowerInvariant() is "1" or "true" or "yes" or "on" ? [] : records,
                "host" => records.Where(r => r.SourceCompute == value || r.DestCompute == value),
                "instance_uuid" => records.Where(r => string.Equals(r.ServerId.ToString(), value, StringComparison.OrdinalIgnoreCase)),
                "source_compute" => records.Where(r => r.SourceCompute == value),
                "status" => records.Where(r => r.Status == value),
                "migration_type" => records.Where(r => r.Type == value),
                "user_id" => records.Where(r => r.UserId == value),
                "project_id" => records.Where(r => r.ProjectId == value),
                _ => records,
            };
        }

        if (ChangesSince is { } since)
        {
            records = records.Where(r => (r.UpdatedAt ?? r.CreatedAt) >= since);
        }

        if (ChangesBefore is { } before)
        {
            records = records.Where(r => (r.UpdatedAt ?? r.CreatedAt) <= before);
        }

        if (!paged)
        {
            return [.. records];
        }

        var ordered = records.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).ToList();
        if (Marker is { } marker)
        {
            var at = ordered.FindIndex(r => string.Equals(r.Uuid.ToString(), marker, StringComparison.OrdinalIgnoreCase));
            if (at < 0)
            {
                throw ComputeFaultException.BadRequest($"Marker {marker} could not be found.");
            }

            ordered = ordered[(at + 1)..];
        }

        return [.. ordered.Take(Limit ?? MaxLimit)];
    }
}

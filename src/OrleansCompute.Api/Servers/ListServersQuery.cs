using System.Globalization;
using Microsoft.AspNetCore.Http;
using OrleansCompute.Api.Microversions;
using OrleansCompute.Faults;
using OrleansCompute.Identity;
using OrleansCompute.Indexing;
using OrleansCompute.Servers;

namespace OrleansCompute.Api.Servers;

/// <summary>
/// Turns the query string of <c>GET /servers[/detail]</c> into an index query the way Nova does: parameters
/// a caller may not use are dropped silently, <c>status</c> goes through Nova's status-to-state mapping, and
/// limit is capped at the configured maximum.
/// </summary>
internal static class ListServersQuery
{
    public static ServerQuery Parse(IQueryCollection query, CallerContext caller, ApiVersion version, int maxLimit)
    {
        var result = new ServerQuery { ProjectId = caller.ProjectId, Limit = maxLimit };

        if (query.TryGetValue("all_tenants", out var allTenants))
        {
            var value = allTenants[^1] ?? "";
            var all = value.Length == 0 || (bool.TryParse(value, out var parsed) ? parsed : value switch
            {
                "1" or "yes" or "on" or "y" or "t" => true,
                "0" or "no" or "off" or "n" or "f" => false,
                _ => throw ComputeFaultException.BadRequest($"Invalid input for query parameters all_tenants. Value: {value}. '{value}' is not a valid boolean"),
            });
            if (all)
            {
                if (!caller.IsAdmin)
                {
                    throw ComputeFaultException.Forbidden("Policy doesn't allow os_compute_api:servers:index:get_all_tenants to be performed.");
                }

                result = result with { ProjectId = query.TryGetValue("project_id", out var project) ? project[^1] : query.TryGetValue("tenant_id", out var tenant) ? tenant[^1] : null };
            }
        }

        if (query.TryGetValue("status", out var statuses))
        {
            result = ApplyStatus(result, statuses, caller, version);
        }

        if (query.TryGetValue("reservation_id", out var reservation))
        {
            result = result with { ReservationId = reservation[^1] };
        }

        var changesSince = Timestamp(query, "changes-since");
        var changesBefore = version.AtLeast(2, 66) ? Timestamp(query, "changes-before") : null;
        if (changesSince is not null && changesBefore is not null && changesBefore < changesSince)
        {
            throw ComputeFaultException.BadRequest("The value of changes-since must be less than or equal to changes-before.");
        }

        if (changesSince is not null || changesBefore is not null)
        {
            // Nova lists deleted and soft-deleted servers when asked what changed.
            result = result with { ChangesSince = changesSince, ChangesBefore = changesBefore, IncludeDeleted = true, IncludeSoftDeleted = true };
        }

        if (query.TryGetValue("limit", out var limitValue))
        {
            var text = limitValue[^1] ?? "";
            if (text.Length == 0 || !text.All(char.IsAsciiDigit) || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit))
            {
                throw ComputeFaultException.BadRequest($"Invalid input for query parameters limit. Value: {text}. '{text}' does not match '^[0-9]*$'");
            }

            result = result with { Limit = Math.Min(limit, maxLimit) };
        }

        if (query.TryGetValue("marker", out var markerValue))
        {
            var marker = markerValue[^1] ?? "";
            result = result with { Marker = Guid.TryParse(marker, out var id) ? id : throw ComputeFaultException.BadRequest($"marker [{marker}] not found") };
        }

        return result;
    }

    private static ServerQuery ApplyStatus(ServerQuery query, Microsoft.Extensions.Primitives.StringValues statuses, CallerContext caller, ApiVersion version)
    {
        var vmStates = new HashSet<string>(StringComparer.Ordinal);
        var taskStates = new HashSet<string>(StringComparer.Ordinal);
        var anyDefault = false;
        foreach (var status in statuses)
        {
            var filter = ServerStatusMapper.ToFilter(status ?? "");
            if (filter is null)
            {
                if (version.AtLeast(2, 38))
                {
                    throw ComputeFaultException.BadRequest("Invalid status value");
                }

                // Before 2.38 an unknown status matches nothing.
                return query with { VmStates = [], TaskStates = null };
            }

            vmStates.UnionWith(filter.VmStates);
            if (filter.TaskStates is null)
            {
                anyDefault = true;
            }
            else
            {
                taskStates.UnionWith(filter.TaskStates);
            }
        }

        if (vmStates.Count == 1 && vmStates.Contains(VmState.Deleted))
        {
            if (!caller.IsAdmin)
            {
                throw ComputeFaultException.Forbidden("Only administrators may list deleted instances");
            }

            query = query with { IncludeDeleted = true };
        }

        return query with { VmStates = [.. vmStates], TaskStates = anyDefault ? null : [.. taskStates] };
    }

    private static DateTimeOffset? Timestamp(IQueryCollection query, string name)
    {
        if (!query.TryGetValue(name, out var values))
        {
            return null;
        }

        var text = values[^1] ?? "";
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            throw ComputeFaultException.BadRequest($"Invalid input for query parameters {name}. Value: {text}. '{text}' is not a 'date-time'");
        }

        return value;
    }
}

using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using OrleansCompute.Api.Microversions;
using OrleansCompute.Catalog;
using OrleansCompute.Faults;
using OrleansCompute.Identity;
using OrleansCompute.Indexing;
using OrleansCompute.Servers;

namespace OrleansCompute.Api.Servers.Listing;

/// <summary>
/// Turns the query string of <c>GET /servers[/detail]</c> into an index query in Nova's order of processing
/// (nova-behaviour.md 6.1): schema per version (unknown names stripped before 2.75, 400 from 2.75; regex values
/// validated), the non-admin allow list, joined-table names, status, changes-since/before, deleted, tags,
/// all_tenants, locked, then limit, marker and sorting.
/// </summary>
internal static class ListServersQuery
{
    // Regex-matched parameters and the field each one filters (display_name and display_description are aliases).
    private static readonly (string Parameter, ServerTextField Field)[] RegexFilters =
    [
        ("name", ServerTextField.Name),
        ("display_name", ServerTextField.Name),
        ("description", ServerTextField.Description),
        ("display_description", ServerTextField.Description),
        ("reservation_id", ServerTextField.ReservationId),
        ("key_name", ServerTextField.KeyName),
        ("hostname", ServerTextField.Hostname),
        ("node", ServerTextField.Node),
        ("availability_zone", ServerTextField.AvailabilityZone),
        ("power_state", ServerTextField.PowerState),
        ("progress", ServerTextField.Progress),
        ("launch_index", ServerTextField.LaunchIndex),
        ("created_at", ServerTextField.CreatedAt),
        ("launched_at", ServerTextField.LaunchedAt),
        ("terminated_at", ServerTextField.TerminatedAt),
        ("config_drive", ServerTextField.ConfigDrive),
        ("auto_disk_config", ServerTextField.AutoDiskConfig),
        ("access_ip_v4", ServerTextField.AccessIPv4),
        ("access_ip_v6", ServerTextField.AccessIPv6),
        ("root_device_name", ServerTextField.RootDeviceName),
        ("locked_by", ServerTextField.LockedBy),
        ("ip", ServerTextField.FixedIPv4),
        ("ip6", ServerTextField.FixedIPv6),
    ];

    public static ServerQuery Parse(IQueryCollection query, CallerContext caller, ApiVersion version, int maxLimit, ComputeCatalog catalog, ListPermissions? permissions = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(caller);
        permissions ??= ListPermissions.Defaults(caller.IsAdmin);

        var options = ReadOptions(query, version);
        RemoveForbidden(options, permissions.AllFilters, version);

        var result = new ServerQuery { ProjectId = caller.ProjectId, Limit = maxLimit };
        result = ApplyStatus(result, options, caller, version);
        result = ApplyChangesAndDeleted(result, options, caller);
        result = ApplyTags(result, options);
        result = ApplyTenancy(result, options, permissions);
        result = ApplyExactFilters(result, options);
        result = ApplyPatterns(result, options, catalog);
        result = ApplyPaging(result, query, maxLimit);
        return result with
        {
            Sort = SortParameters.Parse(options.GetValueOrDefault("sort_key"), options.GetValueOrDefault("sort_dir"), caller, version),
        };
    }

    /// <summary>Step 1: the version's schema. Unknown names are stripped (400 from 2.75), regex values validated.</summary>
    private static Dictionary<string, StringValues> ReadOptions(IQueryCollection query, ApiVersion version)
    {
        var options = new Dictionary<string, StringValues>(StringComparer.Ordinal);
        foreach (var (name, values) in query)
        {
            if (!ListParameters.InSchema(name, version))
            {
                if (version.AtLeast(2, 75))
                {
                    throw ComputeFaultException.BadRequest($"Additional properties are not allowed ('{name}' was unexpected)");
                }

                continue;
            }

            if (ListParameters.RegexValued.Contains(name))
            {
                foreach (var value in values)
                {
                    if (value?.Length > ListParameters.MaxPatternLength)
                    {
                        throw ComputeFaultException.BadRequest($"Invalid input for query parameters {name}. The regular expression is longer than {ListParameters.MaxPatternLength} characters.");
                    }

                    if (!SafeRegex.IsValid(value ?? ""))
                    {
                        throw ComputeFaultException.BadRequest($"Invalid input for query parameters {name}. Value: {value}. '{value}' is not a 'regex'");
                    }
                }
            }

            options[name] = ListParameters.MultiValued.Contains(name) ? values : new StringValues(values[^1]);
        }

        return options;
    }

    /// <summary>
    /// Steps 2 and 3: without allow_all_filters the caller loses what the allow list does not name; with it, the
    /// caller may not name joined tables.
    /// </summary>
    private static void RemoveForbidden(Dictionary<string, StringValues> options, bool allFilters, ApiVersion version)
    {
        foreach (var name in options.Keys.ToList())
        {
            if (!allFilters)
            {
                if (!ListParameters.AllowedForNonAdmin(name, version))
                {
                    options.Remove(name);
                }
            }
            else if (ListParameters.JoinedTables.Contains(name) || name.StartsWith('_'))
            {
                throw ComputeFaultException.BadRequest($"Invalid filter field: {name}.");
            }
        }
    }

    private static ServerQuery ApplyStatus(ServerQuery query, Dictionary<string, StringValues> options, CallerContext caller, ApiVersion version)
    {
        if (!options.TryGetValue("status", out var statuses))
        {
            return query with
            {
                VmStates = options.TryGetValue("vm_state", out var vmState) ? [vmState[0]!] : null,
                TaskStates = options.TryGetValue("task_state", out var taskState) ? [taskState[0]!] : null,
            };
        }

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

        if (vmStates.Count == 1 && vmStates.Contains(VmState.Deleted) && !caller.IsAdmin)
        {
            throw ComputeFaultException.Forbidden("Only administrators may list deleted instances");
        }

        return query with { VmStates = [.. vmStates], TaskStates = anyDefault ? null : [.. taskStates] };
    }

    /// <summary>
    /// Steps 5 to 7. Without <c>deleted</c>: not deleted, and soft-deleted hidden unless <c>soft_deleted</c> is
    /// non-empty, except that changes-since/before show everything. <c>deleted=true</c> (admin): only deleted and
    /// (unless <c>soft_deleted</c> is empty) soft-deleted servers. status=DELETED implies deleted=true.
    /// </summary>
    private static ServerQuery ApplyChangesAndDeleted(ServerQuery query, Dictionary<string, StringValues> options, CallerContext caller)
    {
        var changesSince = Timestamp(options, "changes-since");
        var changesBefore = Timestamp(options, "changes-before");
        if (changesSince is not null && changesBefore is not null && changesBefore < changesSince)
        {
            throw ComputeFaultException.BadRequest("The value of changes-since must be less than or equal to changes-before.");
        }

        query = query with { ChangesSince = changesSince, ChangesBefore = changesBefore };

        bool? deleted = options.TryGetValue("deleted", out var deletedValue) ? NovaBoolean.Lenient(deletedValue[0]) : null;
        if (query.VmStates is [VmState.Deleted] && caller.IsAdmin)
        {
            deleted = true;
        }

        var softDeleted = options.TryGetValue("soft_deleted", out var softValue) ? !string.IsNullOrEmpty(softValue[0]) : (bool?)null;
        return deleted switch
        {
            null when changesSince is not null || changesBefore is not null => query with { IncludeDeleted = true, IncludeSoftDeleted = true },
            true => query with { ExcludeLive = true, IncludeDeleted = true, IncludeSoftDeleted = softDeleted ?? true },
            _ => query with { IncludeSoftDeleted = softDeleted ?? false },
        };
    }

    /// <summary>Step 8: each tag filter is a comma-separated list.</summary>
    private static ServerQuery ApplyTags(ServerQuery query, Dictionary<string, StringValues> options)
    {
        IReadOnlyList<string>? Split(string name) => options.TryGetValue(name, out var value) ? (value[0] ?? "").Split(',') : null;
        return query with { TagsAll = Split("tags"), TagsAny = Split("tags-any"), NotTagsAll = Split("not-tags"), NotTagsAny = Split("not-tags-any") };
    }

    /// <summary>Step 9: all_tenants (empty means true, else a strict boolean); without it, the caller's project, admins included.</summary>
    private static ServerQuery ApplyTenancy(ServerQuery query, Dictionary<string, StringValues> options, ListPermissions permissions)
    {
        if (!options.TryGetValue("all_tenants", out var value))
        {
            return query;
        }

        var text = value[0] ?? "";
        var all = text.Length == 0 || NovaBoolean.Strict(text);
        if (!all)
        {
            return query;
        }

        if (!permissions.AllTenants)
        {
            throw ComputeFaultException.Forbidden($"Policy doesn't allow {permissions.AllTenantsRule} to be performed.");
        }

        var project = options.TryGetValue("project_id", out var projectId) ? projectId[0]
            : options.TryGetValue("tenant_id", out var tenantId) ? tenantId[0]
            : null;
        return query with { ProjectId = project };
    }

    /// <summary>Exact filters; step 10 (locked, a strict boolean) and the image, flavor, user, host and uuid matches.</summary>
    private static ServerQuery ApplyExactFilters(ServerQuery query, Dictionary<string, StringValues> options)
    {
        string? Last(string name) => options.TryGetValue(name, out var value) ? value[0] : null;

        var uuid = Last("uuid");
        return query with
        {
            Locked = Last("locked") is { } locked ? NovaBoolean.Strict(locked) : null,
            UserId = Last("user_id"),
            ImageRef = Last("image") ?? Last("image_ref"),
            FlavorId = Last("flavor"),
            Host = Last("host"),
            // A value that is not a uuid matches no server.
            Uuid = uuid is null ? null : Guid.TryParse(uuid, out var id) ? id : Guid.Empty,
        };
    }

    /// <summary>The regular-expression filters; kernel_id and ramdisk_id resolve to the catalog images that carry a matching one.</summary>
    private static ServerQuery ApplyPatterns(ServerQuery query, Dictionary<string, StringValues> options, ComputeCatalog catalog)
    {
        var patterns = new List<ServerPattern>();
        foreach (var (parameter, field) in RegexFilters)
        {
            if (options.TryGetValue(parameter, out var value))
            {
                patterns.Add(new ServerPattern(field, value[0]!));
            }
        }

        HashSet<string>? images = null;
        foreach (var (parameter, property) in new[] { ("kernel_id", "kernel_id"), ("ramdisk_id", "ramdisk_id") })
        {
            if (!options.TryGetValue(parameter, out var value))
            {
                continue;
            }

            var regex = SafeRegex.Compile(value[0]!, anchored: false, ignoreCase: true);
            var matching = catalog.Images.Where(image => regex.IsMatch(ImageAttributes.KernelOrRamdisk(image, property))).Select(image => image.Id);
            images = images is null ? [.. matching] : [.. images.Intersect(matching)];
        }

        return query with { Patterns = patterns, ImageRefs = images?.ToList() };
    }

    /// <summary>Step 11: limit (digits only, capped at the maximum) and marker (a uuid; anything else is not found).</summary>
    private static ServerQuery ApplyPaging(ServerQuery query, IQueryCollection raw, int maxLimit)
    {
        if (Validation.QueryIntegers.NonNegative(raw, "limit") is { } limit)
        {
            query = query with { Limit = Math.Min(limit, maxLimit) };
        }

        if (raw.TryGetValue("marker", out var markerValue))
        {
            var marker = markerValue[^1] ?? "";
            query = query with { Marker = Guid.TryParse(marker, out var id) ? id : throw ComputeFaultException.BadRequest($"marker [{marker}] not found") };
        }

        return query;
    }

    private static DateTimeOffset? Timestamp(Dictionary<string, StringValues> options, string name) =>
        options.TryGetValue(name, out var values) ? Iso8601Timestamp.Parse(name, values[0] ?? "") : null;
}

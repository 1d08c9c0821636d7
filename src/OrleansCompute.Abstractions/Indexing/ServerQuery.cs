namespace OrleansCompute.Indexing;

/// <summary>A list query over the server index, already authorised and parsed by the API.</summary>
public sealed record ServerQuery
{
    /// <summary>Restrict to one project; null means every project (admin <c>all_tenants</c>).</summary>
    public string? ProjectId { get; init; }

    /// <summary>Include hard-deleted servers (status DELETED).</summary>
    public bool IncludeDeleted { get; init; }

    /// <summary>Include soft-deleted servers (status SOFT_DELETED).</summary>
    public bool IncludeSoftDeleted { get; init; }

    /// <summary>Exact match on one of these vm_states, when given.</summary>
    public IReadOnlyList<string>? VmStates { get; init; }

    /// <summary>Exact match on one of these task_states, when given.</summary>
    public IReadOnlyList<string>? TaskStates { get; init; }

    /// <summary>Exact match on the reservation id, when given.</summary>
    public string? ReservationId { get; init; }

    /// <summary>Servers updated at or after this instant (Nova's changes-since).</summary>
    public DateTimeOffset? ChangesSince { get; init; }

    /// <summary>Servers updated at or before this instant (Nova's changes-before).</summary>
    public DateTimeOffset? ChangesBefore { get; init; }

    /// <summary>Sort keys in order; the index appends created_at and id as tie-breakers.</summary>
    public IReadOnlyList<SortKey> Sort { get; init; } = [];

    /// <summary>The page starts after this server in sort order.</summary>
    public Guid? Marker { get; init; }

    /// <summary>The page size.</summary>
    public int Limit { get; init; } = 1000;

    /// <summary>
    /// Leave live servers out: only the deleted (with IncludeDeleted) and soft-deleted (with IncludeSoftDeleted)
    /// ones remain. Nova's admin <c>deleted=true</c>.
    /// </summary>
    public bool ExcludeLive { get; init; }

    /// <summary>Exact match on the owning user, when given.</summary>
    public string? UserId { get; init; }

    /// <summary>Exact match on the image id (Nova's <c>image</c> / <c>image_ref</c>), when given.</summary>
    public string? ImageRef { get; init; }

    /// <summary>The image id is one of these, when given (kernel_id and ramdisk_id filters resolve to images).</summary>
    public IReadOnlyList<string>? ImageRefs { get; init; }

    /// <summary>Exact match on the flavor id, when given.</summary>
    public string? FlavorId { get; init; }

    /// <summary>Exact match on the server id (Nova's <c>uuid</c>), when given.</summary>
    public Guid? Uuid { get; init; }

    /// <summary>Exact match on the compute host, when given.</summary>
    public string? Host { get; init; }

    /// <summary>Exact match on the lock flag (2.73), when given.</summary>
    public bool? Locked { get; init; }

    /// <summary>Regular-expression filters; every one must match (see <see cref="ServerTextField"/>).</summary>
    public IReadOnlyList<ServerPattern> Patterns { get; init; } = [];

    /// <summary>The server has every one of these tags (Nova's <c>tags</c>).</summary>
    public IReadOnlyList<string>? TagsAll { get; init; }

    /// <summary>The server has at least one of these tags (<c>tags-any</c>).</summary>
    public IReadOnlyList<string>? TagsAny { get; init; }

    /// <summary>The server does not have all of these tags (<c>not-tags</c>).</summary>
    public IReadOnlyList<string>? NotTagsAll { get; init; }

    /// <summary>The server has none of these tags (<c>not-tags-any</c>).</summary>
    public IReadOnlyList<string>? NotTagsAny { get; init; }
}

/// <summary>One sort key with its direction; Key is a Nova sort key name such as <c>created_at</c>.</summary>
public sealed record SortKey(string Key, bool Descending);

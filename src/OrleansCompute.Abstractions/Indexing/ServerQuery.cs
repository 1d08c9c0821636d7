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
}

/// <summary>One sort key with its direction; Key is a Nova sort key name such as <c>created_at</c>.</summary>
public sealed record SortKey(string Key, bool Descending);

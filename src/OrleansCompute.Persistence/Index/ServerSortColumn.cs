namespace OrleansCompute.Persistence.Index;

/// <summary>A compute_servers column that a list may sort by; nullable columns need their own keyset predicate.</summary>
internal sealed record ServerSortColumn(string Column, bool Nullable);

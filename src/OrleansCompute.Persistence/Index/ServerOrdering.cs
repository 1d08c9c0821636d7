using OrleansCompute.Indexing;

namespace OrleansCompute.Persistence.Index;

/// <summary>
/// The total order of a list: the requested keys, then created_at and id appended in the first key's direction
/// when absent (Nova's process_sort_params), defaulting to created_at desc. Ending in the unique id makes every
/// row's position unique, which keyset pagination relies on.
/// </summary>
internal static class ServerOrdering
{
    public static IReadOnlyList<ServerOrderTerm> Resolve(IReadOnlyList<SortKey> sort)
    {
        ArgumentNullException.ThrowIfNull(sort);

        var terms = new List<ServerOrderTerm>(sort.Count + 2);
        foreach (var key in sort)
        {
            if (key.Key == ServerSortColumns.RootDeviceName)
            {
                continue;
            }

            var column = ServerSortColumns.Resolve(key.Key);
            if (!terms.Exists(term => term.Column == column))
            {
                terms.Add(new ServerOrderTerm(column, key.Descending));
            }
        }

        var tieBreakDescending = sort.Count == 0 || sort[0].Descending;
        foreach (var tieBreaker in (ReadOnlySpan<ServerSortColumn>)[ServerSortColumns.CreatedAt, ServerSortColumns.Id])
        {
            if (!terms.Exists(term => term.Column == tieBreaker))
            {
                terms.Add(new ServerOrderTerm(tieBreaker, tieBreakDescending));
            }
        }

        return terms;
    }
}

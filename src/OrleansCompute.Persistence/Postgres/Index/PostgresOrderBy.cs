using OrleansCompute.Persistence.Sqlite.Index;

namespace OrleansCompute.Persistence.Postgres.Index;

/// <summary>
/// ORDER BY terms in SQLite's NULL order, which is the index's documented order: NULLs first ascending, last
/// descending (PostgreSQL's default is the reverse). Non-nullable columns get no NULLS clause, so that the
/// default order still matches the (created_at, id) indexes and needs no sort step.
/// </summary>
internal static class PostgresOrderBy
{
    public static string Term(ServerOrderTerm term)
    {
        var direction = term.Descending ? " DESC" : " ASC";
        if (!term.Column.Nullable)
        {
            return term.Column.Column + direction;
        }

        return term.Column.Column + direction + (term.Descending ? " NULLS LAST" : " NULLS FIRST");
    }
}

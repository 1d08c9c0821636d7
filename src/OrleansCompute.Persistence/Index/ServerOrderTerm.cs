namespace OrleansCompute.Persistence.Index;

/// <summary>
/// One ORDER BY term, in the index's documented NULL order: NULLs first ascending, last descending. That is
/// SQLite's default and the reverse of PostgreSQL's, so nullable columns spell it out (both databases accept the
/// clause, and SQLite reads its own default the same with or without it). Non-nullable columns get no NULLS clause,
/// so that the default order still matches the (created_at, id) indexes on PostgreSQL and needs no sort step.
/// </summary>
internal sealed record ServerOrderTerm(ServerSortColumn Column, bool Descending)
{
    public string Sql => Column.Column + (Descending ? " DESC" : " ASC") + NullsClause;

    private string NullsClause => !Column.Nullable ? "" : Descending ? " NULLS LAST" : " NULLS FIRST";
}

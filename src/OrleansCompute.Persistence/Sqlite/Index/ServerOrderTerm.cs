namespace OrleansCompute.Persistence.Sqlite.Index;

/// <summary>One ORDER BY term. SQLite puts NULLs first ascending and last descending; the keyset predicate agrees.</summary>
internal sealed record ServerOrderTerm(ServerSortColumn Column, bool Descending)
{
    public string Sql => Column.Column + (Descending ? " DESC" : " ASC");
}

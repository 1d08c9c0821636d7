namespace OrleansCompute.Persistence.Sqlite.GroupCommit;

/// <summary>
/// What a command produced, read in full inside the batch's transaction so that its caller can read it after the
/// commit: every result set's rows, the rows affected, and the scalar.
/// </summary>
internal sealed class BufferedResult
{
    public List<BufferedResultSet> ResultSets { get; } = [];

    public int RecordsAffected { get; set; } = -1;

    public object? Scalar { get; set; }
}

/// <summary>One result set: its column names and types and its rows as the driver's values.</summary>
internal sealed record BufferedResultSet(string[] Names, Type[] Types, List<object[]> Rows);

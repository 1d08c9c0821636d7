namespace OrleansCompute.Persistence.Index;

/// <summary>What a compute_servers column holds; each dialect names the SQL type (<see cref="ServerIndexDialect.ColumnType"/>).</summary>
internal enum ServerColumnType
{
    /// <summary>The server id, the primary key.</summary>
    Id,

    /// <summary>Text that lists filter or sort by: compared by code point on every database.</summary>
    Text,

    /// <summary>Text only matched by regular expressions, never sorted.</summary>
    Lines,

    /// <summary>A 32-bit integer.</summary>
    Int32,

    /// <summary>A 64-bit integer: instants (unix microseconds) and the revision.</summary>
    Int64,

    /// <summary>A flag.</summary>
    Boolean,

    /// <summary>A list of texts (the tags).</summary>
    TextList,

    /// <summary>A JSON document (the snapshot).</summary>
    Json,
}

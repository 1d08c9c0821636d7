using System.Data.Common;
using OrleansCompute.Indexing;
using OrleansCompute.Servers;

namespace OrleansCompute.Persistence.Index;

/// <summary>
/// What the server index's SQL says differently per database, and nothing else: the shared commands
/// (<see cref="ServerRowCommand"/>, <see cref="ServerPageCommand"/>, <see cref="KeysetPredicate"/>) ask it for
/// these few values and fragments, as Orleans' ADO.NET code keeps its per-vendor constants apart from the queries.
/// Everything else (boolean predicates, ORDER BY with explicit NULLS, <c>@name</c> parameters, <c>CAST</c>) is
/// spelled the same on both databases.
/// </summary>
/// <param name="databaseSystem">OpenTelemetry's <c>db.system.name</c> of the database.</param>
/// <param name="driverTracesCommands">True when the ADO.NET driver traces its own commands, so the index opens no span of its own.</param>
/// <param name="matchesPatternsInSql">
/// True when regular-expression filters run inside the page query as SQL functions (bound to the connection by
/// <see cref="BindPatternFunctions"/>); otherwise the index evaluates them in .NET over keyset batches.
/// </param>
internal abstract class ServerIndexDialect(string databaseSystem, bool driverTracesCommands, bool matchesPatternsInSql)
{
    public string DatabaseSystem { get; } = databaseSystem;

    public bool DriverTracesCommands { get; } = driverTracesCommands;

    public bool MatchesPatternsInSql { get; } = matchesPatternsInSql;

    /// <summary>The SQL type of a compute_servers column.</summary>
    public abstract string ColumnType(ServerColumnType type);

    /// <summary>The COLLATE clause of a column, when the database's default would not compare by code point.</summary>
    public virtual string? Collation(ServerColumnType type) => null;

    /// <summary>A server id as the id column stores it.</summary>
    public abstract object ServerId(Guid id);

    /// <summary>A unix-microseconds column as Nova's DATETIME text (<c>YYYY-MM-DD HH:MM:SS</c>, UTC); NULL stays NULL.</summary>
    public abstract string InstantText(string column);

    /// <summary>"<paramref name="column"/> is one of <paramref name="values"/>"; an empty list matches nothing.</summary>
    public abstract string OneOf(DbCommand command, string column, string name, IReadOnlyList<string> values);

    /// <summary>"The row has every one of these distinct tags" (tags compare exactly, with case).</summary>
    public abstract string HasAllTags(DbCommand command, string name, IReadOnlyList<string> tags);

    /// <summary>"The row has at least one of these distinct tags".</summary>
    public abstract string HasAnyTag(DbCommand command, string name, IReadOnlyList<string> tags);

    /// <summary>Sets the tags column's value.</summary>
    public abstract void SetTags(DbParameter parameter, IReadOnlyList<string> tags);

    /// <summary>Sets the snapshot column's value (JSON text).</summary>
    public abstract void SetSnapshot(DbParameter parameter, string json);

    /// <summary>Reads the snapshot column of the current row.</summary>
    public abstract ServerSnapshot ReadSnapshot(DbDataReader reader, int ordinal);

    /// <summary>Binds <c>PatternFunction(i)</c> to <c>matchers[i]</c> on this connection, for the next query on it.</summary>
    public virtual void BindPatternFunctions(DbConnection connection, IReadOnlyList<ServerPatternMatcher> matchers) =>
        throw new NotSupportedException($"{DatabaseSystem} evaluates regular-expression filters in .NET.");
}

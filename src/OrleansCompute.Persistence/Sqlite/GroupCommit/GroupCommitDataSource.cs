using System.Data.Common;

namespace OrleansCompute.Persistence.Sqlite.GroupCommit;

/// <summary>Hands out <see cref="GroupCommitConnection"/>s over one <see cref="SqliteGroupCommitter"/>.</summary>
internal sealed class GroupCommitDataSource(string connectionString, SqliteGroupCommitter committer) : DbDataSource
{
    public override string ConnectionString => connectionString;

    protected override DbConnection CreateDbConnection() => new GroupCommitConnection(connectionString, committer);
}

using System.Data.Common;
using Microsoft.Data.Sqlite;
using OrleansCompute.Persistence.Sqlite.GroupCommit;
using OrleansCompute.Persistence.Tests.Support;

namespace OrleansCompute.Persistence.Tests.GroupCommit;

public sealed class GroupCommitTests : IAsyncLifetime
{
    private TempDatabase _temp = null!;

    private DbDataSource Group => _temp.Database.GroupCommitDataSource;

    public async Task InitializeAsync()
    {
        _temp = await TempDatabase.CreateAsync();
        await SqlHelper.ExecuteAsync(_temp.Database.WriteDataSource, "CREATE TABLE probe (key TEXT PRIMARY KEY, value INTEGER NOT NULL);");
    }

    public async Task DisposeAsync() => await _temp.DisposeAsync();

    [Fact]
    public async Task Concurrent_writes_commit_together_and_each_is_answered_after_its_commit()
    {
        // The gate held by another writer keeps the committer from starting: every write queues meanwhile.
        var blocker = await _temp.Database.WriteDataSource.OpenConnectionAsync();
        var writes = Enumerable.Range(0, 200).Select(i => ExecuteAsync(Group, "INSERT INTO probe VALUES (@key, @value);", ("@key", $"k{i}"), ("@value", i))).ToList();
        writes.Should().OnlyContain(w => !w.IsCompleted, "nothing can commit while the gate is held");

        await blocker.DisposeAsync();
        var affected = await Task.WhenAll(writes);

        affected.Should().OnlyContain(rows => rows == 1);
        (await SqlHelper.ScalarAsync<long>(_temp.Database.ReadDataSource, "SELECT count(*) FROM probe;")).Should().Be(200);
        var (transactions, commands, prepares) = _temp.Database.GroupCommitCounts;
        commands.Should().Be(200);
        transactions.Should().BeLessThanOrEqualTo(2, "the first batch may hold one write taken before the gate was seen held; the rest go in one");
        prepares.Should().Be(1, "one text, prepared once on the committer's connection and bound 200 times");
    }

    [Fact]
    public async Task A_failing_command_fails_only_its_caller_and_is_undone_whole()
    {
        await ExecuteAsync(Group, "INSERT INTO probe VALUES ('taken', 0);");
        var blocker = await _temp.Database.WriteDataSource.OpenConnectionAsync();
        var before = ExecuteAsync(Group, "INSERT INTO probe VALUES ('before', 1);");
        // Two statements: the first would succeed, the second conflicts; neither may stay.
        var failing = ExecuteAsync(Group, "INSERT INTO probe VALUES ('half', 2); INSERT INTO probe VALUES ('taken', 3);");
        var after = ExecuteAsync(Group, "INSERT INTO probe VALUES ('after', 4);");
        await blocker.DisposeAsync();

        await before;
        await after;
        await failing.Invoking(t => t).Should().ThrowAsync<SqliteException>();
        var keys = await SqlHelper.RowsAsync(_temp.Database.ReadDataSource, "SELECT key FROM probe ORDER BY key;");
        keys.Select(r => (string)r[0]!).Should().Equal("after", "before", "taken");
    }

    [Fact]
    public async Task Readers_get_every_result_set_with_the_drivers_values()
    {
        await using var connection = await Group.OpenConnectionAsync();
        connection.Should().BeAssignableTo<SqliteConnection>("Orleans requires the invariant's connection type");
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO probe VALUES ('a', 7) RETURNING value AS Inserted; UPDATE probe SET value = 8 WHERE key = 'nobody' RETURNING value; SELECT x'0102' AS Payload, NULL AS Missing;";

        await using var reader = await command.ExecuteReaderAsync();

        (await reader.ReadAsync()).Should().BeTrue();
        reader.GetInt32(reader.GetOrdinal("inserted")).Should().Be(7, "names match without case, as in the driver");
        (await reader.ReadAsync()).Should().BeFalse();
        (await reader.NextResultAsync()).Should().BeTrue();
        (await reader.ReadAsync()).Should().BeFalse("the update matched nothing");
        (await reader.NextResultAsync()).Should().BeTrue();
        (await reader.ReadAsync()).Should().BeTrue();
        reader.GetValue(0).Should().BeEquivalentTo(new byte[] { 1, 2 });
        reader.IsDBNull(1).Should().BeTrue();
        (await reader.NextResultAsync()).Should().BeFalse();
    }

    [Fact]
    public async Task A_prepared_text_binds_each_callers_values_and_runs_again_after_it_failed()
    {
        const string insert = "INSERT INTO probe VALUES (@key, @value);";
        const string select = "SELECT value FROM probe WHERE key = @key;";
        await ExecuteAsync(Group, insert, ("@key", "taken"), ("@value", 1));

        await Group.Invoking(g => ExecuteAsync(g, insert, ("@key", "taken"), ("@value", 2))).Should().ThrowAsync<SqliteException>();
        // The values of an earlier run stay bound inside SQLite: a caller that leaves one out must still be refused.
        await Group.Invoking(g => ExecuteAsync(g, insert, ("@key", "half"))).Should().ThrowAsync<InvalidOperationException>();
        await ExecuteAsync(Group, insert, ("@key", "free"), ("@value", 3));

        (await ScalarAsync(Group, select, ("@key", "taken"))).Should().Be(1L);
        (await ScalarAsync(Group, select, ("@key", "free"))).Should().Be(3L);
        (await ScalarAsync(Group, select, ("@key", "half"))).Should().BeNull();
        _temp.Database.GroupCommitCounts.Prepares.Should().Be(4, "the insert once, again after each of its two failures, and the select once");
    }

    [Fact]
    public async Task Names_without_a_prefix_bind_as_the_driver_binds_them_and_stay_the_callers()
    {
        // As Orleans' storage names them: "key" for "@key".
        await using var connection = await Group.OpenConnectionAsync();
        await using var insert = Command(connection, "INSERT INTO probe VALUES (@key, @value);", [("key", "plain"), ("value", 1)]);
        await insert.ExecuteNonQueryAsync();
        insert.Parameters.Cast<DbParameter>().Select(p => p.ParameterName).Should().Equal("key", "value");

        // One name under two prefixes is ambiguous: refused, as the driver refuses it.
        await Group.Invoking(g => ExecuteAsync(g, "INSERT INTO probe VALUES (@key, :key);", ("key", "twice"))).Should().ThrowAsync<InvalidOperationException>();
        // "@k" is not a mention of "@kv", nor "@kv" of "@k".
        (await ScalarAsync(Group, "SELECT @kv + 0 WHERE @k IS NOT NULL;", ("k", 1), ("kv", 5))).Should().Be(5L);

        (await ScalarAsync(Group, "SELECT group_concat(key) FROM probe;")).Should().Be("plain");
    }

    [Fact]
    public async Task Texts_past_the_cache_capacity_run_unprepared_and_the_cached_ones_stay()
    {
        static string Upsert(int i) => $"INSERT OR REPLACE INTO probe VALUES ('k{i}', {i});";
        var texts = PreparedCommands.Capacity + 10;
        for (var i = 0; i < texts; i++)
        {
            await ExecuteAsync(Group, Upsert(i));
        }

        await ExecuteAsync(Group, Upsert(0));
        await ExecuteAsync(Group, Upsert(texts - 1));

        (await ScalarAsync(Group, "SELECT count(*) FROM probe;")).Should().Be((long)texts);
        _temp.Database.GroupCommitCounts.Prepares.Should().Be(texts + 2, "the last upsert again and the count are past the capacity, so they are prepared each time they run");
    }

    [Fact]
    public async Task Transactions_of_their_own_are_refused()
    {
        await using var connection = await Group.OpenConnectionAsync();

        connection.Invoking(c => c.BeginTransaction()).Should().Throw<NotSupportedException>();
    }

    private static async Task<int> ExecuteAsync(DbDataSource dataSource, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(DbDataSource dataSource, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteScalarAsync();
    }

    private static DbCommand Command(DbConnection connection, string sql, (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}

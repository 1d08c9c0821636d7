using Microsoft.Data.Sqlite;
using OrleansCompute.Persistence.Tests.Support;
using SQLitePCL;

namespace OrleansCompute.Persistence.Tests.Connections;

public sealed class DataSourceTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private TempDatabase _temp = null!;

    public async Task InitializeAsync() => _temp = await TempDatabase.CreateAsync();

    public async Task DisposeAsync() => await _temp.DisposeAsync();

    [Fact]
    public async Task Write_connections_are_SqliteConnections_with_busy_timeout_and_synchronous_normal()
    {
        await using var connection = await _temp.Database.WriteDataSource.OpenConnectionAsync();

        connection.Should().BeAssignableTo<SqliteConnection>("Orleans requires the invariant's connection type");
        (await Pragma(connection, "busy_timeout")).Should().Be(5000L);
        (await Pragma(connection, "synchronous")).Should().Be(1L, "1 is NORMAL");
    }

    [Fact]
    public async Task Read_connections_have_busy_timeout()
    {
        await using var connection = await _temp.Database.ReadDataSource.OpenConnectionAsync();

        (await Pragma(connection, "busy_timeout")).Should().Be(5000L);
    }

    [Fact]
    public async Task A_second_write_connection_opens_only_after_the_first_closes()
    {
        var first = await _temp.Database.WriteDataSource.OpenConnectionAsync();
        var second = _temp.Database.WriteDataSource.OpenConnectionAsync().AsTask();

        // Nothing can complete the second open while the first is open; a yield gives it every chance to.
        await Task.Yield();
        second.IsCompleted.Should().BeFalse();

        await first.DisposeAsync();
        await using var opened = await second.WaitAsync(Deadline);
        opened.State.Should().Be(System.Data.ConnectionState.Open);
    }

    [Fact]
    public async Task The_gate_is_released_once_however_often_a_connection_is_closed()
    {
        var connection = await _temp.Database.WriteDataSource.OpenConnectionAsync();
        await connection.CloseAsync();
        await connection.CloseAsync();
        await connection.DisposeAsync();

        // Had the gate been released twice, two connections would now open side by side.
        await using var a = await _temp.Database.WriteDataSource.OpenConnectionAsync().AsTask().WaitAsync(Deadline);
        var b = _temp.Database.WriteDataSource.OpenConnectionAsync().AsTask();
        await Task.Yield();
        b.IsCompleted.Should().BeFalse();
        await a.DisposeAsync();
        await (await b.WaitAsync(Deadline)).DisposeAsync();
    }

    [Fact]
    public async Task A_read_connection_opens_while_a_write_connection_is_held()
    {
        await using var writer = await _temp.Database.WriteDataSource.OpenConnectionAsync();

        await using var reader = await _temp.Database.ReadDataSource.OpenConnectionAsync().AsTask().WaitAsync(Deadline);

        reader.State.Should().Be(System.Data.ConnectionState.Open);
    }

    [Fact]
    public async Task A_transaction_left_open_by_a_query_text_is_rolled_back_on_close()
    {
        await using (var connection = (SqliteConnection)await _temp.Database.WriteDataSource.OpenConnectionAsync())
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "BEGIN; INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('left-open', 'x');";
            await command.ExecuteNonQueryAsync();
            raw.sqlite3_get_autocommit(connection.Handle).Should().Be(0, "the text left its transaction open");
        }

        // The pool hands the same native connection back; it must be clean.
        await using var next = (SqliteConnection)await _temp.Database.WriteDataSource.OpenConnectionAsync();
        raw.sqlite3_get_autocommit(next.Handle).Should().NotBe(0);
        (await SqlHelper.ScalarAsync<long>(_temp.Database.ReadDataSource, "SELECT count(*) FROM OrleansQuery WHERE QueryKey = 'left-open';"))
            .Should().Be(0);
    }

    private static async Task<object?> Pragma(System.Data.Common.DbConnection connection, string name)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return await command.ExecuteScalarAsync();
    }
}

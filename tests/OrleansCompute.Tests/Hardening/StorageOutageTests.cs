using Microsoft.Data.Sqlite;
using Npgsql;
using OrleansCompute.Faults;

namespace OrleansCompute.Tests.Hardening;

/// <summary>Which database failures are an outage (503 with Retry-After) and which are bugs (500).</summary>
public sealed class StorageOutageTests
{
    [Theory]
    [InlineData(13, true)] // SQLITE_FULL
    [InlineData(8, false)] // SQLITE_READONLY
    [InlineData(10, false)] // SQLITE_IOERR
    [InlineData(5, false)] // SQLITE_BUSY past the busy timeout
    public void SQLite_s_full_read_only_io_and_busy_errors_are_outages(int code, bool full)
    {
        var outage = StorageOutage.Find(new SqliteException("sqlite", code));

        outage.Should().NotBeNull();
        outage!.Full.Should().Be(full);
    }

    [Fact]
    public void A_SQLite_syntax_or_constraint_error_is_a_bug_not_an_outage()
    {
        StorageOutage.Find(new SqliteException("near x: syntax error", 1)).Should().BeNull();
        StorageOutage.Find(new SqliteException("UNIQUE constraint failed", 19)).Should().BeNull();
    }

    [Theory]
    [InlineData("57P01", false)] // admin_shutdown
    [InlineData("57P03", false)] // cannot_connect_now: starting up
    [InlineData("08006", false)] // connection_failure
    [InlineData("53100", true)] // disk_full
    public void PostgreSQL_s_shutdown_start_up_connection_and_disk_full_states_are_outages(string sqlState, bool full)
    {
        var outage = StorageOutage.Find(new InvalidOperationException("wrapped", new PostgresException("pg", "FATAL", "FATAL", sqlState)));

        outage.Should().NotBeNull();
        outage!.Full.Should().Be(full);
    }

    [Fact]
    public void A_PostgreSQL_constraint_violation_or_an_ordinary_exception_is_not_an_outage()
    {
        StorageOutage.Find(new PostgresException("duplicate key", "ERROR", "ERROR", "23505")).Should().BeNull();
        StorageOutage.Find(new InvalidOperationException("a bug")).Should().BeNull();
    }
}

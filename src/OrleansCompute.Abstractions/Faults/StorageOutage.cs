using System.Data.Common;

namespace OrleansCompute.Faults;

/// <summary>
/// Tells a database that is unavailable for now (down, restarting, read-only, full, locked past the busy timeout)
/// from a bug: the first passes once an operator acts, so the API answers 503 and the client retries; the second
/// stays a 500. It reads the ADO.NET base types only, so it knows PostgreSQL and SQLite without referencing them.
/// </summary>
public static class StorageOutage
{
    // SQLite's primary result codes that mean "not now": BUSY, LOCKED, READONLY, IOERR, FULL, CANTOPEN.
    private const int SqliteFull = 13;
    private static readonly int[] SqliteUnavailable = [5, 6, 8, 10, SqliteFull, 14];

    // PostgreSQL's SQLSTATE classes and codes that mean "not now": connection exceptions, insufficient resources
    // (disk full, out of memory, too many connections), operator intervention (shutdown, starting up), system errors.
    private static readonly string[] PostgresUnavailablePrefixes = ["08", "53", "57P", "58"];
    private const string PostgresDiskFull = "53100";

    /// <summary>The outage in <paramref name="exception"/> or its inner exceptions, if there is one.</summary>
    public static StorageUnavailableException? Find(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case StorageUnavailableException unavailable:
                    return unavailable;
                case DbException database when SqliteResultCode(database) is { } code:
                    if (SqliteUnavailable.Contains(code))
                    {
                        return new StorageUnavailableException("The database cannot take writes now.") { Full = code == SqliteFull };
                    }

                    break;
                case DbException database when database.IsTransient || IsPostgresUnavailable(database.SqlState):
                    return new StorageUnavailableException("The database is unavailable now.") { Full = database.SqlState == PostgresDiskFull };
                case AggregateException { InnerExceptions.Count: 1 } aggregate:
                    return Find(aggregate.InnerExceptions[0]);
                case { } codec when IsUnserializableDatabaseError(codec):
                    // A database error raised while a grain activates (its state read, its activation's own writes)
                    // never passes the incoming call filter that makes it serializable, so the caller only sees
                    // Orleans failing to serialize the driver's exception. It is the same outage.
                    return new StorageUnavailableException("The database is unavailable now.");
            }
        }

        return null;
    }

    private static bool IsUnserializableDatabaseError(Exception exception) =>
        exception.GetType().Name == "CodecNotFoundException"
        && (exception.Message.Contains("type Npgsql.", StringComparison.Ordinal)
            || exception.Message.Contains("type Microsoft.Data.Sqlite.", StringComparison.Ordinal));

    /// <summary>
    /// SQLite's primary result code: Microsoft.Data.Sqlite keeps it in <c>SqliteErrorCode</c> only (not in
    /// <see cref="System.Runtime.InteropServices.ExternalException.ErrorCode"/>), read by name so that this assembly
    /// needs no SQLite reference.
    /// </summary>
    private static int? SqliteResultCode(DbException exception) =>
        exception.GetType().FullName == "Microsoft.Data.Sqlite.SqliteException"
            ? (exception.GetType().GetProperty("SqliteErrorCode")?.GetValue(exception) as int?) & 0xFF
            : null;

    private static bool IsPostgresUnavailable(string? sqlState) =>
        sqlState is { Length: 5 } && PostgresUnavailablePrefixes.Any(prefix => sqlState.StartsWith(prefix, StringComparison.Ordinal));
}

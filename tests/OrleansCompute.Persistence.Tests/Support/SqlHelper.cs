using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace OrleansCompute.Persistence.Tests.Support;

/// <summary>Direct SQL against a test database, for looking at rows the code under test wrote.</summary>
public static class SqlHelper
{
    public static async Task<T?> ScalarAsync<T>(DbDataSource dataSource, string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = (SqliteConnection)await dataSource.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        var result = await command.ExecuteScalarAsync();
        return result is null or DBNull ? default : (T)Convert.ChangeType(result, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task ExecuteAsync(DbDataSource dataSource, string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = (SqliteConnection)await dataSource.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        await command.ExecuteNonQueryAsync();
    }

    public static async Task<List<object?[]>> RowsAsync(DbDataSource dataSource, string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = (SqliteConnection)await dataSource.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        var rows = new List<object?[]>();
        await using var reader = await command.ExecuteReaderAsync();
        do
        {
            while (await reader.ReadAsync())
            {
                var row = new object?[reader.FieldCount];
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                }

                rows.Add(row);
            }
        }
        while (await reader.NextResultAsync());

        return rows;
    }
}

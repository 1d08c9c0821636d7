using System.Data;
using System.Data.Common;
using BenchmarkDotNet.Attributes;
using OrleansCompute.Persistence.Sqlite;

namespace OrleansCompute.MicroBenchmarks;

/// <summary>
/// Grain state writes as Orleans' ADO.NET storage makes them (its <c>WriteToStorageKey</c> text, a new command per
/// write, parameters named without their prefix, a 2 KB payload), 16 at a time through the SQLite group commit:
/// what one batch of writes costs the committer, the driver and SQLite (allocated bytes are per 16 writes).
/// </summary>
[MemoryDiagnoser]
public class GroupCommitBenchmarks
{
    private const int Writers = 16;

    private readonly byte[] _payload = new byte[2048];
    private readonly long?[] _versions = new long?[Writers];
    private string _directory = "";
    private SqliteComputeDatabase _database = null!;
    private string _writeText = "";

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("oc-groupcommit-bench").FullName;
        _database = new SqliteComputeDatabase(Path.Combine(_directory, "compute.db"));
        _database.EnsureSchemaAsync().GetAwaiter().GetResult();
        using var connection = _database.ReadDataSource.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT QueryText FROM OrleansQuery WHERE QueryKey = 'WriteToStorageKey';";
        _writeText = (string)command.ExecuteScalar()!;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _database.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Description = "16 grain state writes, one batch")]
    public async Task WriteSixteenStates()
    {
        var writes = new Task<long>[Writers];
        for (var i = 0; i < Writers; i++)
        {
            writes[i] = WriteAsync(i);
        }

        var versions = await Task.WhenAll(writes);
        for (var i = 0; i < Writers; i++)
        {
            _versions[i] = versions[i];
        }
    }

    private async Task<long> WriteAsync(int grain)
    {
        await using var connection = await _database.GroupCommitDataSource.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = _writeText;
        Add(command, "GrainIdHash", grain, DbType.Int32);
        Add(command, "GrainIdN0", (long)grain, DbType.Int64);
        Add(command, "GrainIdN1", 0L, DbType.Int64);
        Add(command, "GrainTypeHash", 42, DbType.Int32);
        Add(command, "GrainTypeString", "server", DbType.String);
        Add(command, "GrainIdExtensionString", DBNull.Value, DbType.String);
        Add(command, "ServiceId", "bench", DbType.String);
        Add(command, "GrainStateVersion", _versions[grain] is { } version ? version : DBNull.Value, DbType.Int32);
        Add(command, "PayloadBinary", _payload, DbType.Binary);
        // Two statements (update a known version, insert the first): the one that wrote returns the new version.
        await using var reader = await command.ExecuteReaderAsync();
        do
        {
            if (await reader.ReadAsync())
            {
                return reader.GetInt64(0);
            }
        }
        while (await reader.NextResultAsync());

        throw new InvalidOperationException("the write conflicted");
    }

    private static void Add(DbCommand command, string name, object value, DbType type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}

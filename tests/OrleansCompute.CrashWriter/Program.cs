using System.Data.Common;
using OrleansCompute.Persistence.Sqlite;

// Usage: OrleansCompute.CrashWriter <database file> <concurrent writers>
// Each write is one command of two statements (both halves of one key, and a payload). A key is printed on
// stdout once its write is acknowledged, i.e. after the group commit that carried it committed. It never stops:
// the crash-safety test kills it (SIGKILL) while batches are in flight and then checks the file.
var file = args[0];
var writers = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
var database = new SqliteComputeDatabase(file);
await database.EnsureSchemaAsync();
await using (var setup = await database.WriteDataSource.OpenConnectionAsync())
{
    await using var command = setup.CreateCommand();
    command.CommandText = "CREATE TABLE IF NOT EXISTS crash_halves (key TEXT NOT NULL, half INTEGER NOT NULL, payload BLOB NOT NULL, PRIMARY KEY (key, half));";
    await command.ExecuteNonQueryAsync();
}

var output = Console.Out;
var payload = new byte[2048];
Random.Shared.NextBytes(payload);
Console.Error.WriteLine("ready");
await Task.WhenAll(Enumerable.Range(0, writers).Select(async writer =>
{
    for (var sequence = 0; ; sequence++)
    {
        var key = $"{writer}-{sequence}";
        await WriteBothHalvesAsync(database.GroupCommitDataSource, key, payload);
        lock (output)
        {
            output.WriteLine(key);
            output.Flush();
        }
    }
}));

static async Task WriteBothHalvesAsync(DbDataSource dataSource, string key, byte[] payload)
{
    await using var connection = await dataSource.OpenConnectionAsync();
    await using var command = connection.CreateCommand();
    command.CommandText = "INSERT INTO crash_halves (key, half, payload) VALUES (@key, 1, @payload);"
        + " INSERT INTO crash_halves (key, half, payload) VALUES (@key, 2, @payload);";
    var keyParameter = command.CreateParameter();
    keyParameter.ParameterName = "@key";
    keyParameter.Value = key;
    command.Parameters.Add(keyParameter);
    var payloadParameter = command.CreateParameter();
    payloadParameter.ParameterName = "@payload";
    payloadParameter.Value = payload;
    command.Parameters.Add(payloadParameter);
    await command.ExecuteNonQueryAsync();
}

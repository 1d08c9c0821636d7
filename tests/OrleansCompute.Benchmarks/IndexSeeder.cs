using Microsoft.Data.Sqlite;
using OrleansCompute.Persistence.Index;
using OrleansCompute.Persistence.Sqlite;
using OrleansCompute.Servers;

namespace OrleansCompute.Benchmarks;

/// <summary>
/// Writes servers straight into the index table, in transactions of a few thousand rows, with the same upsert
/// statement the grains use: a realistic index without running 100,000 builds. Seeded with a fixed random
/// seed, so every run lists the same data.
/// </summary>
internal static class IndexSeeder
{
    private const int Batch = 5000;

    public static async Task SeedAsync(SqliteComputeDatabase database, int servers, int projects)
    {
        var random = new Random(4242);
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var connection = (SqliteConnection)await database.WriteDataSource.OpenConnectionAsync();
        await using (connection)
        {
            for (var offset = 0; offset < servers; offset += Batch)
            {
                await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
                for (var i = offset; i < Math.Min(servers, offset + Batch); i++)
                {
                    await using var command = connection.CreateCommand();
                    command.Transaction = transaction;
                    ServerRowCommand.BuildUpsert(command, SqliteIndexDialect.Instance, Make(i, projects, random, start));
                    await command.ExecuteNonQueryAsync();
                }

                await transaction.CommitAsync();
            }
        }
    }

    public static string Project(int index) => $"project-{index:D3}";

    public static ServerSnapshot Make(int i, int projects, Random random, DateTimeOffset start)
    {
        var roll = random.Next(100);
        var (vmState, power) = roll switch
        {
            < 80 => (VmState.Active, PowerState.Running),
            < 90 => (VmState.Stopped, PowerState.Shutdown),
            < 95 => (VmState.Error, PowerState.NoState),
            _ => (VmState.Paused, PowerState.Paused),
        };
        var created = start.AddSeconds(i * 3 + random.Next(3));
        var id = new byte[16];
        random.NextBytes(id);
        var host = $"compute-{random.Next(1, 4)}";
        return new ServerSnapshot
        {
            Id = new Guid(id),
            ProjectId = Project(i % projects),
            UserId = $"user-{i % (projects * 3)}",
            Name = $"server-{random.Next(1_000_000):D6}",
            Description = null,
            ImageRef = "70a599e0-31e7-49b7-b260-868f441e862b",
            Flavor = new FlavorSnapshot { Id = "1", Name = "m1.tiny", Vcpus = 1, RamMb = 512, DiskGb = 1 },
            Metadata = new Dictionary<string, string> { ["role"] = i % 2 == 0 ? "web" : "db" },
            VmState = vmState,
            PowerState = power,
            CreatedAt = created,
            UpdatedAt = created.AddMinutes(random.Next(600)),
            LaunchedAt = created.AddSeconds(5),
            AvailabilityZone = "nova",
            SecurityGroups = ["default"],
            Addresses =
            [
                new ServerAddress
                {
                    NetworkId = "private", NetworkLabel = "private", IpVersion = 4, MacAddress = "fa:16:3e:00:00:01",
                    Address = $"10.{(i >> 16) & 255}.{(i >> 8) & 255}.{i & 255}",
                },
            ],
            Host = host,
            Node = host,
            InstanceName = $"instance-{i:x8}",
            Hostname = $"server-{i}",
            ReservationId = $"r-{i:x8}",
            Tags = i % 3 == 0 ? ["blue"] : [],
            KeyName = "key",
            Revision = 3,
        };
    }
}

using OrleansCompute.Persistence.Sqlite;
using OrleansCompute.Persistence.Tests.Support;
using OrleansCompute.Servers;

namespace OrleansCompute.Persistence.Tests.Index;

/// <summary>
/// 60 seeded-random live servers whose sort columns have few distinct values (so every key has ties) and NULLs in
/// every nullable column; read-only for the tests that share it.
/// </summary>
public sealed class SortedIndexFixture : IAsyncLifetime
{
    public TempDatabase Temp { get; private set; } = null!;

    public SqliteServerIndex Index { get; private set; } = null!;

    public IReadOnlyList<ServerSnapshot> Servers { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Temp = await TempDatabase.CreateAsync();
        Index = new SqliteServerIndex(Temp.Database);

        var random = new Random(20261127);
        T Pick<T>(params T[] values) => values[random.Next(values.Length)];
        DateTimeOffset? MaybeAt() => random.Next(3) == 0 ? null : TestServers.Epoch.AddMinutes(random.Next(4));

        var servers = new List<ServerSnapshot>();
        for (var i = 0; i < 60; i++)
        {
            var bytes = new byte[16];
            random.NextBytes(bytes);
            servers.Add(TestServers.Make(new Guid(bytes), projectId: Pick("p1", "p2", "p3"), createdAt: TestServers.Epoch.AddSeconds(random.Next(8))) with
            {
                UserId = Pick("u1", "u2"),
                Name = Pick("alpha", "Beta", "gamma", "alpha2"),
                VmState = Pick(VmState.Active, VmState.Stopped, VmState.Building, VmState.Error),
                TaskState = Pick<string?>(null, TaskState.Spawning, TaskState.Rebooting),
                PowerState = Pick(PowerState.NoState, PowerState.Running, PowerState.Shutdown),
                UpdatedAt = TestServers.Epoch.AddSeconds(random.Next(5)),
                Host = Pick<string?>(null, "host-1", "host-2"),
                Node = Pick<string?>(null, "node-1", "node-2"),
                AvailabilityZone = Pick("nova", "az-2"),
                KeyName = Pick<string?>(null, "key-1", "key-2"),
                Locked = random.Next(2) == 0,
                LaunchIndex = random.Next(3),
                LaunchedAt = MaybeAt(),
                TerminatedAt = MaybeAt(),
                Progress = Pick(0, 50, 100),
                Hostname = Pick("h-a", "h-b"),
                AccessIPv4 = Pick("", "10.0.0.1", "10.0.0.2"),
                AccessIPv6 = Pick("", "fd00::1"),
                ConfigDrive = random.Next(2) == 0,
                ImageRef = Pick("", "image-1", "image-2"),
                Description = Pick<string?>(null, "web", "db"),
                DiskConfig = Pick("AUTO", "MANUAL"),
                LockedBy = Pick<string?>(null, "owner", "admin"),
                Flavor = TestServers.Make().Flavor with { Id = Pick("1", "2", "3") },
            });
        }

        Servers = servers;
        foreach (var server in servers)
        {
            await Index.UpsertAsync(server);
        }
    }

    public async Task DisposeAsync() => await Temp.DisposeAsync();
}

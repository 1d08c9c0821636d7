using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using OrleansCompute.Catalog;
using OrleansCompute.Driver;
using OrleansCompute.Hosting;
using OrleansCompute.Identity;
using OrleansCompute.Indexing;
using OrleansCompute.Persistence.Sqlite;
using OrleansCompute.Servers;
using OrleansCompute.Servers.Actions;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Grains;

/// <summary>
/// A product driver that leaves the grain's context (<c>ConfigureAwait(false)</c>, <c>Task.Run</c>) before it
/// reports progress: the reports still move the server through its task_states, because the grain marshals them
/// onto its own scheduler (see <c>GrainCallbackTests</c> for the scheduler itself).
/// </summary>
public sealed class ThreadHoppingDriverTests : IAsyncLifetime
{
    private static readonly CallerContext Demo = new() { UserId = "demo", ProjectId = "demo", Roles = ["member"], RequestId = "req-hop" };

    private readonly TempDirectory _directory = new();
    private readonly ThreadHoppingDriver _driver = new();
    private InProcessTestCluster? _cluster;
    private SqliteComputeDatabase? _database;

    public async Task InitializeAsync()
    {
        _database = new SqliteComputeDatabase(Path.Combine(_directory.Path, "compute.db"));
        await _database.EnsureSchemaAsync();
        var index = new SqliteServerIndex(_database);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>()).Build();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(ComputeStorage.ProviderName);
            silo.UseInMemoryReminderService();
            ComputeHostingExtensions.AddComputeServices(silo.Services, configuration);
            silo.Services.AddSingleton<IServerIndex>(index);
            silo.Services.AddSingleton(new ComputeClock(new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero))));
            silo.Services.AddSingleton<IComputeDriver>(_driver);
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        _directory.Dispose();
    }

    [Fact]
    public async Task Progress_reported_from_a_thread_pool_thread_moves_a_resize_through_its_steps_on_the_grain()
    {
        var grain = _cluster!.Client.GetGrain<IServerGrain>(Guid.NewGuid());
        await grain.CreateAsync(new CreateServerCommand
        {
            Caller = Demo,
            Name = "hop",
            ImageRef = DefaultCatalog.CirrosImageId,
            Flavor = new FlavorSnapshot { Id = "1", Name = "m1.tiny", Vcpus = 1, RamMb = 512, DiskGb = 1 },
            AutoAllocateNetwork = true,
            ReservationId = "r-hop00001",
            Hostname = "hop",
        });
        await Eventually.Until(() => grain.GetAsync(Demo), s => s.VmState == VmState.Active && s.TaskState is null, because: "the build ends");

        await grain.ActAsync(new ServerActionCommand { Caller = Demo, Action = ServerActionKind.Resize, FlavorRef = "2" });

        // The disk migration reported 100 % from the thread pool and now waits: the last step of its phase shows.
        var migrated = await Eventually.Until(() => grain.GetAsync(Demo), s => s.TaskState == TaskState.ResizeMigrated, because: "the progress report reaches the grain");
        migrated.Progress.Should().Be(100);
        _driver.Release.TrySetResult();

        var resized = await Eventually.Until(() => grain.GetAsync(Demo), s => s.TaskState is null, because: "the resize ends");
        resized.VmState.Should().Be(VmState.Resized);
        resized.Flavor.Id.Should().Be("2");
        _driver.Reports.Should().BePositive();
    }

    /// <summary>Reports every operation's progress from the thread pool; the disk migration then waits for the test.</summary>
    private sealed class ThreadHoppingDriver : IComputeDriver
    {
        private int _reports;

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Reports => Volatile.Read(ref _reports);

        public async Task ExecuteAsync(DriverOperation operation, ServerSnapshot server, Action<int> reportProgress, CancellationToken cancellationToken)
        {
            // Report from a thread-pool thread (what a product's driver with ConfigureAwait(false) does).
            await Task.Run(
                () =>
                {
                    Interlocked.Increment(ref _reports);
                    reportProgress(100);
                },
                cancellationToken).ConfigureAwait(false);
            if (operation == DriverOperation.MigrateDisk)
            {
                await Release.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        public Task<string> GetConsoleOutputAsync(ServerSnapshot server, CancellationToken cancellationToken) => Task.FromResult("");
    }
}

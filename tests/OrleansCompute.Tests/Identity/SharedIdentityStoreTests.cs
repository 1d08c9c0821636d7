using OrleansCompute.Api.Identity;
using OrleansCompute.Hosting;
using OrleansCompute.Persistence.Postgres;
using OrleansCompute.Tests.Cluster;

namespace OrleansCompute.Tests.Identity;

/// <summary>
/// Cluster mode's identity secrets on real PostgreSQL: nodes starting at the same moment (each with its own
/// connection pool, as separate processes have) agree on one token key and one password per user.
/// </summary>
public sealed class SharedIdentityStoreTests
{
    private const int Nodes = 6;

    [Fact]
    public async Task Nodes_starting_together_make_one_token_key_and_accept_each_others_tokens()
    {
        await using var schema = await ClusterDatabase.CreateAsync();
        var databases = await DatabasesAsync(schema);
        try
        {
            using var start = new Barrier(Nodes);
            var protectors = await Task.WhenAll(databases.Select(database => OnOwnThread(() =>
            {
                start.SignalAndWait();
                return DatabaseTokenKeys.CreateProtector(new PostgresIdentityStore(database), TimeProvider.System);
            })));

            (await schema.ScalarAsync("SELECT count(*) FROM compute_identity_token_keys;")).Should().Be(1);
            for (var issuer = 0; issuer < Nodes; issuer++)
            {
                var token = protectors[issuer].Protect($"issued by node {issuer}");
                protectors.Select(p => p.Unprotect(token)).Should().AllBe($"issued by node {issuer}");
            }

            // A node started later reads the same key instead of making one.
            var late = DatabaseTokenKeys.CreateProtector(new PostgresIdentityStore(databases[0]), TimeProvider.System);
            late.Unprotect(protectors[^1].Protect("late")).Should().Be("late");
            (await schema.ScalarAsync("SELECT count(*) FROM compute_identity_token_keys;")).Should().Be(1);
        }
        finally
        {
            await DisposeAsync(databases);
        }
    }

    [Fact]
    public async Task Nodes_starting_together_agree_on_each_generated_password_and_configured_ones_are_not_stored()
    {
        await using var schema = await ClusterDatabase.CreateAsync();
        var databases = await DatabasesAsync(schema);
        try
        {
            var users = IdentityDirectory.Configured(new IdentityOptions
            {
                Users = { ["operator"] = new IdentityUserOptions { Password = "configured-secret", Project = "ops" } },
            });
            using var start = new Barrier(Nodes);
            var seen = await Task.WhenAll(databases.Select(database => OnOwnThread(() =>
            {
                start.SignalAndWait();
                return IdentityPasswordStore.LoadOrCreate(new PostgresIdentityStore(database), users);
            })));

            seen[0].Keys.Should().BeEquivalentTo(["admin", "demo", "alt_demo"], "only users without a configured password get one");
            seen.Should().AllSatisfy(passwords => passwords.Should().Equal(seen[0]));
            var directory = IdentityDirectory.Create(users, seen[^1]);
            directory.FindUser(null, "demo")!.Password.Should().Be(seen[0]["demo"]);
            directory.FindUser(null, "operator")!.Password.Should().Be("configured-secret");
        }
        finally
        {
            await DisposeAsync(databases);
        }
    }

    /// <summary>A node's start on a thread of its own, so that all of them wait at the barrier together.</summary>
    private static Task<T> OnOwnThread<T>(Func<T> start) =>
        Task.Factory.StartNew(start, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static async Task<PostgresComputeDatabase[]> DatabasesAsync(ClusterDatabase schema)
    {
        var databases = Enumerable.Range(0, Nodes).Select(_ => new PostgresComputeDatabase(schema.ConnectionString)).ToArray();
        await databases[0].EnsureSchemaAsync();
        return databases;
    }

    private static async Task DisposeAsync(IEnumerable<PostgresComputeDatabase> databases)
    {
        foreach (var database in databases)
        {
            await database.DisposeAsync();
        }
    }
}

using OrleansCompute.Catalog;
using OrleansCompute.Identity;
using OrleansCompute.Keypairs;
using OrleansCompute.Migrations;
using OrleansCompute.Servers.Actions;

namespace OrleansCompute.Servers;

/// <summary>What the action handlers read of the grain (<see cref="IServerActionHost"/>); the steps they call are the grain's own methods.</summary>
internal sealed partial class ServerGrain
{
    public Guid ServerId => Id;

    public ServerSnapshot Live => _live!;

    public ServerState State => state.State;

    public ComputeCatalog Catalog => catalog;

    public ServerLifecycleOptions Options => lifecycle.CurrentValue;

    public MigrationJournal Migrations => new(GrainFactory, clock, logger, this);

    public string? LiveMigrationTarget => _liveMigrationTarget;

    public async Task<bool> HasKeyPairAsync(string name, CallerContext caller) =>
        await GrainFactory.GetGrain<IKeyPairGrain>(caller.UserId).FindAsync(name) is not null;

    /// <summary>A driver callback that changes grain state only on this activation's scheduler (see <see cref="GrainCallback"/>).</summary>
    private static Action<T> OnGrain<T>(Action<T> apply, CancellationToken cancellationToken) =>
        GrainCallback.OnCurrentScheduler(apply, cancellationToken);
}

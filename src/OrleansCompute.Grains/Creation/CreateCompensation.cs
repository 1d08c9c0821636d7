using Orleans.Runtime;
using OrleansCompute.Faults;
using OrleansCompute.Servers;

namespace OrleansCompute.Creation;

/// <summary>
/// Which failures of a single create (<see cref="ServerCreateSaga"/> with its progress in memory) give back what
/// its earlier steps took (a reserved fixed IP or port, the quota claim, the server group membership): those after which the server certainly does not exist. A Nova fault
/// was thrown by a step that refused; an Orleans message rejection means the call was never delivered — what a
/// client sees while a killed silo is still in the membership and the new server grain is placed on it. Without
/// this, every retried create during a fail-over kept its quota claim, and a project ran out of quota for servers
/// that never existed. Any other failure is undecided (a timeout; a storage write of the server that failed, as on a
/// full disk): the server may have been created after all, so the server grain is asked to abandon the id
/// (<see cref="IServerGrain.AbandonIfNotCreatedAsync"/>) and the claims go back only if it did.
/// </summary>
internal static class CreateCompensation
{
    public static bool GivesBack(Exception exception) => exception switch
    {
        ComputeFaultException => true,
        OrleansMessageRejectionException => true,
        OrleansException { InnerException: { } inner } => GivesBack(inner),
        _ => false,
    };

    /// <summary>True when the grain settled that no server exists under its id; false when it exists or cannot be asked.</summary>
    public static async Task<bool> TryAbandonAsync(IServerGrain server)
    {
        try
        {
            return await server.AbandonIfNotCreatedAsync();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The cluster is still unsettled, or storage refuses the abandon too: the claim stays (never an
            // over-grant); the project's quota reconciler gives it back once it is older than its grace period.
            return false;
        }
    }
}

namespace OrleansCompute.Servers;

/// <summary>
/// A create that timed out cannot tell whether its server exists. Asking the grain settles it: the grain is
/// non-reentrant, so the answer is ordered with any late create, and the tombstone written here makes that late
/// create fail instead of building a server whose quota was given back.
/// </summary>
internal sealed partial class ServerGrain
{
    public async Task<bool> AbandonIfNotCreatedAsync()
    {
        if (state.State.Server is not null)
        {
            return false;
        }

        if (!state.State.Abandoned)
        {
            state.State.Abandoned = true;
            try
            {
                await state.WriteStateAsync(CancellationToken.None);
            }
            catch
            {
                // Memory must not hold a tombstone storage lacks, or the next ask would say "abandoned" unrecorded.
                // And storage may hold more than this activation knows: a create whose write committed though its
                // answer was lost to an outage (this activation then put its old state back, with a stale ETag, so
                // every write of it would fail). The caller asks again later; a fresh activation answers from the
                // stored truth, and resumes that server's build if there is one.
                state.State.Abandoned = false;
                DeactivateOnIdle();
                throw;
            }
        }

        return true;
    }
}

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
            await state.WriteStateAsync(CancellationToken.None);
        }

        return true;
    }
}

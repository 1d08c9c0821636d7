using OrleansCompute.Creation;

namespace OrleansCompute.Reservations;

/// <summary>A reservation's progress in its grain state: written at each step, cleared when the create was refused.</summary>
internal sealed class PersistedCreateJournal(IPersistentState<ReservationState> state, Func<Task> stopResuming) : ICreateJournal
{
    public ReservationState Progress => state.State;

    public bool IsDurable => true;

    public Task SaveAsync() => state.WriteStateAsync();

    public async Task ForgetAsync()
    {
        // Nothing was created and nothing will be: the reservation never happened.
        await stopResuming();
        await state.ClearStateAsync();
        state.State = new ReservationState();
    }
}

using OrleansCompute.Reservations;

namespace OrleansCompute.Creation;

/// <summary>The progress of a single create: held for the length of the call, undone on failure, never written.</summary>
internal sealed class InMemoryCreateJournal(ReservationState progress) : ICreateJournal
{
    public ReservationState Progress => progress;

    public bool IsDurable => false;

    public Task SaveAsync() => Task.CompletedTask;

    public Task ForgetAsync() => Task.CompletedTask;
}

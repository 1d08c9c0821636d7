using OrleansCompute.Reservations;

namespace OrleansCompute.Creation;

/// <summary>
/// Where a create saga keeps its progress. A reservation persists it (<see cref="IsDurable"/>): each step is
/// written before the next, and a resume reminder finishes what a crash cut short. A single create keeps it in
/// memory and undoes instead.
/// </summary>
internal interface ICreateJournal
{
    ReservationState Progress { get; }

    /// <summary>
    /// Whether the progress survives a crash. Only then does the saga place the batch itself (its host claims
    /// are recorded, so a resume drops any left behind) and finish a failed member create later rather than undo.
    /// </summary>
    bool IsDurable { get; }

    /// <summary>Records the progress before the next step starts.</summary>
    Task SaveAsync();

    /// <summary>The create was refused or undone before any server existed: nothing is left to finish.</summary>
    Task ForgetAsync();
}

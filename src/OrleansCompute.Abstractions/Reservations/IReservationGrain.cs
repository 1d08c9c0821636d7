namespace OrleansCompute.Reservations;

/// <summary>
/// One multi-create, keyed by its reservation id (<c>r-xxxxxxxx</c>): claims the quota for as many members as
/// fit in one step, places the batch all or nothing, creates the members with bounded parallelism and knows
/// each member's outcome. Its progress is persisted, so a reservation cut short by a crash finishes after the
/// restart with every member created exactly once.
/// </summary>
[Alias("compute.IReservationGrain")]
public interface IReservationGrain : IGrainWithStringKey
{
    /// <summary>Runs the reservation to the end; repeating the call returns the same outcome.</summary>
    [Alias("Create")]
    Task<ReservationOutcome> CreateAsync(ReservationRequest request);

    /// <summary>The outcome so far, each member's build result included; 404 for an unknown reservation.</summary>
    [Alias("Get")]
    Task<ReservationOutcome> GetAsync();
}

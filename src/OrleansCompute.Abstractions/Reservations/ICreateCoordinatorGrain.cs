namespace OrleansCompute.Reservations;

/// <summary>
/// Where the API sends a create, in one call: a single server is created by the create saga in memory (no
/// reservation record, so a create stays a few grain calls long); several go to their
/// <see cref="IReservationGrain"/>, which runs the same saga with its progress persisted.
/// </summary>
[Alias("compute.ICreateCoordinatorGrain")]
public interface ICreateCoordinatorGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Creates the servers of <paramref name="request"/> under a new reservation id and answers once each
    /// granted member exists (in BUILD, or in ERROR when its batch could not be placed). Nova's faults: 403
    /// for quota and group quota, 409 for a fixed IP or port already in use.
    /// </summary>
    [Alias("Create")]
    Task<ReservationOutcome> CreateAsync(ReservationRequest request);
}

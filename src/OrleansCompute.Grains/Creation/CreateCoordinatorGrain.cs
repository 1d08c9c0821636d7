using Orleans.Concurrency;
using OrleansCompute.Reservations;

namespace OrleansCompute.Creation;

/// <summary>
/// The API's one call per create. A single server runs the create saga here, in memory: on the caller's silo
/// (a stateless worker), interleaving freely (it holds no state), so parallel creates neither queue behind one
/// another nor cost a reservation record. Several servers go to their reservation, which runs the same saga with
/// its progress persisted.
/// </summary>
[GrainType("compute-create-coordinator")]
[StatelessWorker]
[Reentrant]
internal sealed class CreateCoordinatorGrain : Grain, ICreateCoordinatorGrain
{
    public Task<ReservationOutcome> CreateAsync(ReservationRequest request)
    {
        var reservationId = ReservationIds.New();
        if (request.MaxCount > 1)
        {
            return GrainFactory.GetGrain<IReservationGrain>(reservationId).CreateAsync(request);
        }

        var saga = new ServerCreateSaga(GrainFactory, reservationId, new InMemoryCreateJournal(ServerCreateSaga.Plan(request)), parallelism: 1);
        return saga.RunAsync();
    }
}

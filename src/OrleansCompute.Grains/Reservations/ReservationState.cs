namespace OrleansCompute.Reservations;

/// <summary>
/// The progress of one create (<see cref="Creation.ServerCreateSaga"/>). A reservation persists it, each step
/// written before the next starts, so a reservation resumed after a crash knows what is done: the plan (member
/// ids), the addresses, the quota grant, the group membership, the placement, and which members exist. A single
/// create holds it in memory.
/// </summary>
[GenerateSerializer, Alias("compute.ReservationState")]
public sealed class ReservationState
{
    [Id(0)] public ReservationRequest? Request { get; set; }

    /// <summary>One entry per possible member (max_count); the first <see cref="Granted"/> are the real ones.</summary>
    [Id(1)] public List<ReservationMember> Members { get; set; } = [];

    /// <summary>How many members the quota granted; -1 until the claim is made.</summary>
    [Id(2)] public int Granted { get; set; } = -1;

    /// <summary>Set before the batch is scheduled: a resumed reservation then first drops any claims left behind.</summary>
    [Id(3)] public bool SchedulingStarted { get; set; }

    [Id(4)] public bool Scheduled { get; set; }

    [Id(5)] public string? SchedulingFailure { get; set; }

    [Id(6)] public bool Completed { get; set; }

    /// <summary>Where the batch was placed (empty when it could not be).</summary>
    [Id(7)] public List<OrleansCompute.Scheduling.Placement> PlacementRecords { get; set; } = [];

    [Id(8)] public bool AddressesReserved { get; set; }

    [Id(9)] public bool GroupJoined { get; set; }

    /// <summary>The members the quota granted (none before the claim).</summary>
    public IEnumerable<ReservationMember> GrantedMembers() => Members.Take(Math.Max(0, Granted));

    public ReservationOutcome OutcomeFor(string reservationId) => OutcomeFor(reservationId, GrantedMembers());

    public ReservationOutcome OutcomeFor(string reservationId, IEnumerable<ReservationMember> members) => new()
    {
        ReservationId = reservationId,
        Members = members.ToArray(),
        Completed = Completed,
        SchedulingFailure = SchedulingFailure,
    };
}

namespace OrleansCompute.Reservations;

/// <summary>Where a reservation stands: its members (created or not) and whether it has finished.</summary>
[GenerateSerializer, Immutable, Alias("compute.ReservationOutcome")]
public sealed record ReservationOutcome
{
    [Id(0)] public required string ReservationId { get; init; }
    [Id(1)] public IReadOnlyList<ReservationMember> Members { get; init; } = [];
    [Id(2)] public bool Completed { get; init; }
    /// <summary>The batch's scheduling failure (every member is in ERROR with it), or null.</summary>
    [Id(3)] public string? SchedulingFailure { get; init; }
}

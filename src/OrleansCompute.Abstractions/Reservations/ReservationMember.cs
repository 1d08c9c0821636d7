namespace OrleansCompute.Reservations;

/// <summary>One member of a reservation and what became of it.</summary>
[GenerateSerializer, Immutable, Alias("compute.ReservationMember")]
public sealed record ReservationMember
{
    [Id(0)] public required Guid ServerId { get; init; }
    [Id(1)] public required int LaunchIndex { get; init; }
    [Id(2)] public required string Name { get; init; }
    /// <summary>Whether the member's server record exists (created in BUILD, or in ERROR when not placed).</summary>
    [Id(3)] public bool Created { get; init; }
    /// <summary>The host it was placed on; null when the batch could not be placed.</summary>
    [Id(4)] public string? Host { get; init; }
    /// <summary>Why the member failed, when it did (NoValidHost for the whole batch, or its own build).</summary>
    [Id(5)] public string? Failure { get; init; }
}

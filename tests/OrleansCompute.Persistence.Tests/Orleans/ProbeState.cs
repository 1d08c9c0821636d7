namespace OrleansCompute.Persistence.Tests.Orleans;

/// <summary>The probe's persisted state (stored as plain JSON by SystemTextJsonGrainStorageSerializer).</summary>
public sealed record ProbeState
{
    public string? Value { get; init; }
}

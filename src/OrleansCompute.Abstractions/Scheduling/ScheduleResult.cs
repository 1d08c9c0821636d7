namespace OrleansCompute.Scheduling;

/// <summary>A batch placed in full, or not at all with the reason (Nova's NoValidHost).</summary>
[GenerateSerializer, Immutable, Alias("compute.ScheduleResult")]
public sealed record ScheduleResult
{
    public const string NoValidHostMessage = "No valid host was found. There are not enough hosts available.";

    [Id(0)] public IReadOnlyList<Placement> Placements { get; init; } = [];
    [Id(1)] public string? Failure { get; init; }

    public bool Succeeded => Failure is null;

    public static ScheduleResult NoValidHost(string? reason = null) =>
        new() { Failure = reason is null ? NoValidHostMessage : $"No valid host was found. {reason}" };
}

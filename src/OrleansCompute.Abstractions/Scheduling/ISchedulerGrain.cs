namespace OrleansCompute.Scheduling;

/// <summary>
/// Nova's scheduler: filters and weighs the hosts for a batch and claims capacity on the chosen HostGrains.
/// A stateless worker (use key 0): any silo runs it locally, so it is never a single hot grain.
/// </summary>
[Alias("compute.ISchedulerGrain")]
public interface ISchedulerGrain : IGrainWithIntegerKey
{
    /// <summary>Places every server of the batch or none: on failure no claim is left behind.</summary>
    [Alias("Schedule")]
    Task<ScheduleResult> ScheduleAsync(ScheduleRequest request);

    /// <summary>Drops the claims of the given consumers on every host (a reservation that resumes after a crash).</summary>
    [Alias("ReleaseEverywhere")]
    Task ReleaseEverywhereAsync(IReadOnlyList<string> consumerIds);
}

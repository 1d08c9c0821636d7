namespace OrleansCompute.Reservations;

/// <summary>How multi-creates run (configuration section <c>Compute:Reservations</c>).</summary>
public sealed class ReservationOptions
{
    public const string SectionName = "Compute:Reservations";

    /// <summary>How many members are created at the same time: neither one by one nor all at once.</summary>
    public int Parallelism { get; set; } = 16;

    /// <summary>
    /// A reservation cut short by a crash is finished by a reminder that fires this long after it started
    /// (and then as often). Orleans' minimum reminder period is lowered to this when it is below a minute.
    /// </summary>
    public double ResumeAfterSeconds { get; set; } = 60;
}

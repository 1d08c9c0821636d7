namespace OrleansCompute.Hosting;

/// <summary>How the control plane is hosted (configuration section <c>Compute</c>).</summary>
public sealed class ComputeOptions
{
    public const string SectionName = "Compute";

    /// <summary><c>embedded</c> (default): one silo, everything in one SQLite file under <see cref="DataDirectory"/>.</summary>
    public string Mode { get; set; } = ComputeModes.Embedded;

    /// <summary>Where embedded mode keeps its database; created on first start.</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>Orleans ServiceId: the identity of stored state and reminders. Keep it stable across deployments.</summary>
    public string ServiceId { get; set; } = "orleans-compute";

    /// <summary>Orleans ClusterId: one per deployment.</summary>
    public string ClusterId { get; set; } = "orleans-compute";

    /// <summary>Silo-to-silo port (embedded mode listens on loopback).</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port Orleans clients connect to.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// Seconds: Orleans' <c>ReminderOptions.MinimumReminderPeriod</c>, the period of the lifecycle reminders
    /// (a reminder is due at its deadline, then ticks at this period until its work is done). Lower only for tests.
    /// </summary>
    public int MinimumReminderPeriod { get; set; } = 60;
}

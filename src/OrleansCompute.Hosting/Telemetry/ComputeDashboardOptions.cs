namespace OrleansCompute.Hosting.Telemetry;

/// <summary>The Orleans Dashboard (configuration section <c>Compute:Dashboard</c>); off unless enabled.</summary>
internal sealed class ComputeDashboardOptions
{
    public const string SectionName = "Compute:Dashboard";

    /// <summary>Adds the dashboard to the silo (or client) and maps it into the HTTP application.</summary>
    public bool Enabled { get; set; }

    /// <summary>Where the dashboard is served on the application's HTTP port.</summary>
    public string Path { get; set; } = "/dashboard";
}

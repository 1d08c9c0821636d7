namespace OrleansCompute.Quotas;

/// <summary>
/// The quota reconciler of each project (<c>Compute:QuotaReconcile</c>): how often it recounts the project's
/// claims against the servers that exist, and how old a claim must be before it may be taken for a leak (a
/// create in flight holds its claim before its server is written).
/// </summary>
public sealed class QuotaReconcileOptions
{
    public const string SectionName = "Compute:QuotaReconcile";

    /// <summary>Seconds between two reconciliations of an active project (a reminder); 0 turns the periodic run off.</summary>
    public int IntervalSeconds { get; set; } = 3600;

    /// <summary>Seconds a claim without a server is left alone (a create in flight).</summary>
    public int GraceSeconds { get; set; } = 300;
}

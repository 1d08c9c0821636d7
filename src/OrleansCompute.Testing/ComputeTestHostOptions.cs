using OrleansCompute.Quotas;

namespace OrleansCompute.Testing;

/// <summary>What a test chooses when it starts a <see cref="ComputeTestHost"/>; every default suits a unit test.</summary>
public sealed class ComputeTestHostOptions : ComputeTestSiloOptions
{
    /// <summary>In memory (the default, no port) or on a free loopback port.</summary>
    public ComputeTestTransport Transport { get; set; } = ComputeTestTransport.InMemory;

    /// <summary>noauth (the default: tokens <c>user:project</c>) or the built-in identity service.</summary>
    public ComputeTestAuth Auth { get; set; } = ComputeTestAuth.NoAuth;

    /// <summary>Where the fake clock starts (<see cref="ComputeTestHost.Time"/>).</summary>
    public DateTimeOffset StartTime { get; set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Default quotas of every project; null keeps Nova's defaults.</summary>
    public QuotaLimits? DefaultQuotas { get; set; }

    /// <summary>
    /// Serves the fault rules at <see cref="ComputeTestHost.FaultAdminPath"/> for clients that are not .NET code
    /// (GET lists, POST adds, DELETE clears), for callers that send <see cref="ComputeTestHost.FaultAdminToken"/>
    /// in the header <c>X-Fault-Admin-Token</c>. Off by default.
    /// </summary>
    public bool EnableFaultAdminEndpoint { get; set; }
}

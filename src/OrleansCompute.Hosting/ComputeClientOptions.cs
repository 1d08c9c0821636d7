namespace OrleansCompute.Hosting;

/// <summary>
/// The HTTP tier as an Orleans client (<see cref="ComputeClientExtensions.AddOrleansComputeClient"/>), bound from
/// <c>Compute:Client</c>. ServiceId, ClusterId, Mode and DataDirectory come from <c>Compute</c>, as for the silos.
/// </summary>
public sealed class ComputeClientOptions
{
    public const string SectionName = "Compute:Client";

    /// <summary>
    /// The silos' gateways, as <c>host:port</c>. Empty: the local silo's <see cref="ComputeOptions.GatewayPort"/>
    /// on loopback.
    /// </summary>
    public List<string> Gateways { get; set; } = [];
}

namespace OrleansCompute.Networking;

[GenerateSerializer, Alias("compute.PortState")]
public sealed class PortState
{
    [Id(0)] public NeutronPort? Port { get; set; }
}

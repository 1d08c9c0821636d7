namespace OrleansCompute.Networking;

[GenerateSerializer, Alias("compute.FloatingIpState")]
public sealed class FloatingIpState
{
    [Id(0)] public FloatingIp? FloatingIp { get; set; }
}

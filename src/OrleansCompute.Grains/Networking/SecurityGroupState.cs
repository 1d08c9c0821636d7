namespace OrleansCompute.Networking;

[GenerateSerializer, Alias("compute.SecurityGroupState")]
public sealed class SecurityGroupState
{
    [Id(0)] public SecurityGroup? Group { get; set; }
}

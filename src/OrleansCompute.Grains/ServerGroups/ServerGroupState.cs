namespace OrleansCompute.ServerGroups;

/// <summary>The persisted server group; null before it is created and after it is deleted.</summary>
[GenerateSerializer, Alias("compute.ServerGroupState")]
public sealed class ServerGroupState
{
    [Id(0)] public ServerGroup? Group { get; set; }
}

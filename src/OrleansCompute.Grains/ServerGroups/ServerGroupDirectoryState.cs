namespace OrleansCompute.ServerGroups;

/// <summary>The persisted ids of every server group, oldest first.</summary>
[GenerateSerializer, Alias("compute.ServerGroupDirectoryState")]
public sealed class ServerGroupDirectoryState
{
    [Id(0)] public List<Guid> GroupIds { get; set; } = [];
}

namespace OrleansCompute.Servers.Lifecycle;

/// <summary>The synchronous writes of a server's sub-resources that Nova guards with <c>check_instance_state</c>.</summary>
public enum ServerWrite
{
    UpdateMetadata,
    DeleteMetadata,
    ReplaceTags,
    AddTag,
    RemoveTag,
    RemoveTags,
}

namespace OrleansCompute.Servers.Actions;

/// <summary>The action log of one server as a reader may see it, with the server's project for the views.</summary>
[GenerateSerializer, Immutable, Alias("compute.ServerActionLog")]
public sealed record ServerActionLog
{
    [Id(0)] public required Guid ServerId { get; init; }
    [Id(1)] public required string ProjectId { get; init; }
    /// <summary>Newest first, as Nova lists them.</summary>
    [Id(2)] public IReadOnlyList<InstanceActionRecord> Actions { get; init; } = [];
}

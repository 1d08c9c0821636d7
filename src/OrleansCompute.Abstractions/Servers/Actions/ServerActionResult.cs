namespace OrleansCompute.Servers.Actions;

/// <summary>The grain's answer to an action: the server as the action left it when accepted.</summary>
[GenerateSerializer, Immutable, Alias("compute.ServerActionResult")]
public sealed record ServerActionResult
{
    [Id(0)] public required ServerSnapshot Server { get; init; }
}

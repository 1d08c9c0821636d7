namespace OrleansCompute.Servers;

/// <summary>The fault Nova records when a server goes to ERROR.</summary>
[GenerateSerializer, Immutable, Alias("compute.ServerFault")]
public sealed record ServerFault
{
    [Id(0)] public required int Code { get; init; }
    [Id(1)] public required string Message { get; init; }
    [Id(2)] public required DateTimeOffset Created { get; init; }
    [Id(3)] public string? Details { get; init; }
}

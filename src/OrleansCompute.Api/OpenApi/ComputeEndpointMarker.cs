namespace OrleansCompute.Api.OpenApi;

/// <summary>Marks the endpoints of the compute API, so that its OpenAPI document lists them and nothing else.</summary>
internal sealed class ComputeEndpointMarker
{
    public static readonly ComputeEndpointMarker Instance = new();
}

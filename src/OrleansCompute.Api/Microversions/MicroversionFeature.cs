namespace OrleansCompute.Api.Microversions;

/// <summary>The negotiated microversion of the current request.</summary>
internal sealed record MicroversionFeature(ApiVersion Version);

namespace OrleansCompute.Hosting;

/// <summary>Registered by the first <see cref="ComputeHostingExtensions.AddOrleansCompute"/>: a second call adds no silo.</summary>
internal sealed class ComputeSiloMarker;

namespace OrleansCompute.Persistence.Tests.Orleans;

/// <summary>What the probe grain's storage says after a call.</summary>
[GenerateSerializer, Immutable, Alias("tests.ProbeView")]
public sealed record ProbeView(string? Value, string? ETag, bool RecordExists);

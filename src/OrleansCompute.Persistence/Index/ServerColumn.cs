namespace OrleansCompute.Persistence.Index;

/// <summary>One column of compute_servers, with the comment the schema script shows above it.</summary>
internal sealed record ServerColumn(string Name, ServerColumnType Type, bool Nullable = false, string? Comment = null);

namespace OrleansCompute.Api.Identity;

/// <summary>A role as a token lists it.</summary>
public sealed record IdentityRole(string Id, string Name);

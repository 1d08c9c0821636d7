namespace OrleansCompute.Api.Identity;

/// <summary>A project (Keystone's tenant): the owner of servers.</summary>
public sealed record IdentityProject(string Id, string Name);

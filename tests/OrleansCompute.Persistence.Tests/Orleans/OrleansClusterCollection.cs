namespace OrleansCompute.Persistence.Tests.Orleans;

/// <summary>The tests that share one silo; xunit runs a collection's tests one after another.</summary>
[CollectionDefinition(Name)]
public sealed class OrleansClusterCollection : ICollectionFixture<OrleansClusterFixture>
{
    public const string Name = "orleans-sqlite";
}

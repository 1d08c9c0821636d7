using OrleansCompute.Catalog;
using OrleansCompute.Flavors;

namespace OrleansCompute.Api.Flavors;

/// <summary>Puts what the flavor store answered into the process's catalog, so the change is read back at once here.</summary>
internal static class FlavorStoreAnswer
{
    public static void Apply(this ComputeCatalog catalog, FlavorSet set) =>
        catalog.UseFlavors(set.Version, [.. set.Flavors.Select(f => f.ToDefinition())]);
}

using Xunit.Abstractions;
using Xunit.Sdk;

namespace OrleansCompute.Tests.Infrastructure;

/// <summary>
/// Starts the longest test collections first (those marked with <see cref="CollectionDurationAttribute"/>), then the
/// rest in xunit's own order. xunit runs a few collections at a time (Parallelism.cs) and starts the next one when
/// one ends; in its own order a long collection could start last and run on alone while the other slots stood
/// empty, and the serial multi-silo collection waits for the last one to end. Longest first keeps the slots full
/// until the end.
/// </summary>
public sealed class LongestCollectionsFirst : ITestCollectionOrderer
{
    private const string ImplicitCollectionPrefix = "Test collection for ";

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        new DefaultTestCollectionOrderer().OrderTestCollections(testCollections).OrderByDescending(ExpectedSeconds).ToList();

    private static int ExpectedSeconds(ITestCollection collection)
    {
        // A class without [Collection] is a collection of its own, named after the class; its attribute is on the class.
        var type = collection.CollectionDefinition
            ?? (collection.DisplayName.StartsWith(ImplicitCollectionPrefix, StringComparison.Ordinal)
                ? collection.TestAssembly.Assembly.GetType(collection.DisplayName[ImplicitCollectionPrefix.Length..])
                : null);
        var duration = type?.GetCustomAttributes(typeof(CollectionDurationAttribute)).SingleOrDefault();
        return duration?.GetConstructorArguments().Cast<int>().Single() ?? 0;
    }
}

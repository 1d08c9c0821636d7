using OrleansCompute.Tests.Infrastructure;
using Xunit.Sdk;

namespace OrleansCompute.Tests.Unit;

public sealed class LongestCollectionsFirstTests
{
    private static readonly TestAssembly Assembly = new(Reflector.Wrap(typeof(LongestCollectionsFirstTests).Assembly));

    [Fact]
    public void Collections_marked_with_a_duration_start_first_longest_first_then_the_others()
    {
        // Named as xunit names them: a collection definition's name, or "Test collection for" a class of its own.
        var definedShort = Defined(typeof(ShortDefinition));
        var definedUnmarked = Defined(typeof(UnmarkedDefinition));
        var ownLong = OwnCollection(typeof(LongClass));
        var ownUnmarked = OwnCollection(typeof(UnmarkedClass));

        var ordered = new LongestCollectionsFirst().OrderTestCollections([ownUnmarked, definedShort, definedUnmarked, ownLong]).ToList();

        ordered.Take(2).Should().Equal(ownLong, definedShort);
        ordered.Skip(2).Should().BeEquivalentTo([ownUnmarked, definedUnmarked]);
    }

    private static TestCollection Defined(Type definition) => new(Assembly, Reflector.Wrap(definition), definition.Name);

    private static TestCollection OwnCollection(Type testClass) => new(Assembly, null, "Test collection for " + testClass.FullName);

    [CollectionDuration(30)]
    private sealed class ShortDefinition;

    private sealed class UnmarkedDefinition;

    [CollectionDuration(300)]
    private sealed class LongClass;

    private sealed class UnmarkedClass;
}

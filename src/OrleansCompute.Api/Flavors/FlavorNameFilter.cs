using OrleansCompute.Catalog;
using OrleansCompute.Faults;
using OrleansCompute.Indexing;

namespace OrleansCompute.Api.Flavors;

/// <summary>
/// 2.102's <c>name</c> filter of the flavor lists: a regular expression searched in the name (as the database's
/// REGEXP does, case-insensitively); an expression that is not one is a 400 from the query schema.
/// </summary>
internal static class FlavorNameFilter
{
    public static IEnumerable<FlavorDefinition> Apply(IEnumerable<FlavorDefinition> flavors, string pattern)
    {
        if (!SafeRegex.IsValid(pattern))
        {
            throw ComputeFaultException.BadRequest($"Invalid input for query parameters name. Value: {pattern}. '{pattern}' is not a 'regex'");
        }

        var regex = SafeRegex.Compile(pattern, anchored: false, ignoreCase: true);
        return flavors.Where(f => regex.IsMatch(f.Name));
    }
}

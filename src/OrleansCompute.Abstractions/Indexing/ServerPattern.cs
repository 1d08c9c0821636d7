using System.Text.RegularExpressions;

namespace OrleansCompute.Indexing;

/// <summary>
/// One regular-expression filter of a list query. Column filters search anywhere in the value and ignore case
/// (as Nova on MySQL, its usual database, does); the IP filters are anchored at the start of an address and
/// case-sensitive (Nova matches them in Python with <c>re.match</c>).
/// </summary>
public sealed record ServerPattern(ServerTextField Field, string Pattern)
{
    /// <summary>Whether the pattern must match at the start of the value.</summary>
    public bool Anchored => Field is ServerTextField.FixedIPv4 or ServerTextField.FixedIPv6;

    /// <summary>Compiles the pattern with <see cref="SafeRegex"/>; throws <see cref="ArgumentException"/> when it is not a valid expression.</summary>
    public Regex Compile() => SafeRegex.Compile(Pattern, Anchored, ignoreCase: !Anchored);
}

using System.Text.RegularExpressions;

namespace OrleansCompute.Indexing;

/// <summary>
/// Compiles user-supplied filter expressions so that no pattern can stall a list query. .NET's non-backtracking
/// engine runs in time linear in the input for any pattern, so catastrophic patterns such as <c>(a+)+$</c> are
/// harmless there, and it runs without a timeout (a timeout would only fire on a loaded machine, never for the
/// pattern's sake). Patterns it cannot run (backreferences, lookarounds, atomic groups) fall back to the
/// backtracking engine with a per-match timeout; a timeout surfaces as <see cref="RegexMatchTimeoutException"/>.
/// </summary>
public static class SafeRegex
{
    /// <summary>How long one match may take on the backtracking engine.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>Whether <paramref name="pattern"/> is a valid, non-empty expression.</summary>
    public static bool IsValid(string pattern)
    {
        if (string.IsNullOrEmpty(pattern))
        {
            return false;
        }

        try
        {
            _ = new Regex(pattern, RegexOptions.CultureInvariant, MatchTimeout);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Compiles a pattern; throws <see cref="ArgumentException"/> for an invalid one.</summary>
    public static Regex Compile(string pattern, bool anchored, bool ignoreCase)
    {
        ArgumentNullException.ThrowIfNull(pattern);

        // Validate the pattern as given: wrapping it first could make an unbalanced one look valid.
        _ = new Regex(pattern, RegexOptions.CultureInvariant, MatchTimeout);
        var text = anchored ? @"\A(?:" + pattern + ")" : pattern;
        var options = RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None);
        try
        {
            return new Regex(text, options | RegexOptions.NonBacktracking, Regex.InfiniteMatchTimeout);
        }
        catch (NotSupportedException)
        {
            return new Regex(text, options, MatchTimeout);
        }
    }
}

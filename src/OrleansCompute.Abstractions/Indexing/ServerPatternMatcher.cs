using System.Text.RegularExpressions;

namespace OrleansCompute.Indexing;

/// <summary>
/// Evaluates one <see cref="ServerPattern"/> over the text an index stores for its field: null never matches, and
/// the IP fields hold one address per line, any of which may match. A backend calls it once per candidate row;
/// <see cref="TimedOut"/> tells the backend that the query failed because the pattern was too expensive.
/// </summary>
public sealed class ServerPatternMatcher
{
    private readonly Regex _regex;
    private readonly bool _perLine;

    public ServerPatternMatcher(ServerPattern pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        _regex = pattern.Compile();
        _perLine = pattern.Anchored;
    }

    /// <summary>Set when a match exceeded <see cref="SafeRegex.MatchTimeout"/>.</summary>
    public bool TimedOut { get; private set; }

    public bool IsMatch(string? value)
    {
        if (value is null)
        {
            return false;
        }

        try
        {
            if (!_perLine)
            {
                return _regex.IsMatch(value);
            }

            foreach (var line in value.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                if (_regex.IsMatch(line))
                {
                    return true;
                }
            }

            return false;
        }
        catch (RegexMatchTimeoutException)
        {
            TimedOut = true;
            throw;
        }
    }
}

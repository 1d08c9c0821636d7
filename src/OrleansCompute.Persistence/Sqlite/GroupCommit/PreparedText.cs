using Microsoft.Data.Sqlite;

namespace OrleansCompute.Persistence.Sqlite.GroupCommit;

/// <summary>
/// One SQL text prepared on the committer's connection, and the names its parameters have in that text. Orleans'
/// ADO.NET storage names its parameters without a prefix (<c>GrainIdHash</c> for <c>@GrainIdHash</c>), and
/// Microsoft.Data.Sqlite then looks such a name up under each of <c>@</c>, <c>$</c> and <c>:</c> at every bind,
/// building and encoding three more names per parameter each time (issue 19: a tenth of the bytes a create
/// allocated). A lent parameter carries the name the text uses while it is bound (found once per text and name),
/// and gets its caller's name back afterwards.
/// </summary>
internal sealed class PreparedText(SqliteCommand command) : IDisposable
{
    private static readonly char[] Prefixes = ['@', '$', ':'];

    private readonly Dictionary<string, string> _namesInText = new(StringComparer.Ordinal);
    private readonly List<string> _callerNames = [];

    public SqliteCommand Command => command;

    /// <summary>Adds the caller's parameters to the prepared command, each under the name the text gives it.</summary>
    public void Lend(SqliteParameterCollection parameters)
    {
        for (var i = 0; i < parameters.Count; i++)
        {
            var parameter = parameters[i];
            var name = parameter.ParameterName;
            _callerNames.Add(name);
            parameter.ParameterName = NameInText(name);
            command.Parameters.Add(parameter);
        }
    }

    /// <summary>Takes the lent parameters off the prepared command and gives each its caller's name back.</summary>
    public void GiveBack()
    {
        var lent = command.Parameters;
        for (var i = 0; i < lent.Count; i++)
        {
            lent[i].ParameterName = _callerNames[i];
        }

        lent.Clear();
        _callerNames.Clear();
    }

    public void Dispose() => command.Dispose();

    // A name the text uses under exactly one prefix gets that prefix; any other (prefixed already, absent, or
    // ambiguous) stays as the caller wrote it, so the driver finds it, or refuses it, exactly as it would have.
    private string NameInText(string name)
    {
        if (name.Length == 0 || Array.IndexOf(Prefixes, name[0]) >= 0)
        {
            return name;
        }

        if (_namesInText.TryGetValue(name, out var known))
        {
            return known;
        }

        var found = name;
        var matches = 0;
        foreach (var prefix in Prefixes)
        {
            if (Mentions(command.CommandText, prefix, name))
            {
                found = prefix + name;
                matches++;
            }
        }

        var inText = matches == 1 ? found : name;
        _namesInText.Add(name, inText);
        return inText;
    }

    private static bool Mentions(string text, char prefix, string name)
    {
        for (var at = text.IndexOf(prefix); at >= 0; at = text.IndexOf(prefix, at + 1))
        {
            var end = at + 1 + name.Length;
            if (string.CompareOrdinal(text, at + 1, name, 0, name.Length) == 0 && (end == text.Length || !IsNamePart(text[end])))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsNamePart(char c) => char.IsLetterOrDigit(c) || c is '_' or '$';
}

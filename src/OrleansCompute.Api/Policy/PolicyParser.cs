namespace OrleansCompute.Api.Policy;

/// <summary>
/// Parses oslo.policy's check-string language (written by hand: there is no .NET implementation of it):
/// <c>or</c>, <c>and</c>, <c>not</c>, parentheses, <c>@</c>, <c>!</c>, and <c>kind:match</c> checks
/// (<c>rule:</c>, <c>role:</c>, or a credential attribute). <c>and</c> binds tighter than <c>or</c>.
/// An empty string allows everyone, as in oslo.policy. Bad syntax is an error, so a broken policy file stops the
/// host at start instead of silently denying.
/// </summary>
internal sealed class PolicyParser
{
    private readonly List<string> _tokens;
    private int _position;

    private PolicyParser(List<string> tokens) => _tokens = tokens;

    public static PolicyExpression Parse(string text)
    {
        var tokens = Tokenize(text);
        if (tokens.Count == 0)
        {
            return new PolicyExpression.Always();
        }

        var parser = new PolicyParser(tokens);
        var expression = parser.ParseOr();
        if (parser._position != tokens.Count)
        {
            throw new FormatException($"Unexpected '{tokens[parser._position]}' in policy rule \"{text}\".");
        }

        return expression;
    }

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        foreach (var word in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var start = 0;
            var end = word.Length;
            while (start < end && word[start] == '(')
            {
                tokens.Add("(");
                start++;
            }

            var closing = 0;
            while (end > start && word[end - 1] == ')' && !word[start..end].EndsWith(")s", StringComparison.Ordinal))
            {
                closing++;
                end--;
            }

            if (end > start)
            {
                tokens.Add(word[start..end]);
            }

            tokens.AddRange(Enumerable.Repeat(")", closing));
        }

        return tokens;
    }

    private PolicyExpression ParseOr()
    {
        var operands = new List<PolicyExpression> { ParseAnd() };
        while (Accept("or"))
        {
            operands.Add(ParseAnd());
        }

        return operands.Count == 1 ? operands[0] : new PolicyExpression.Or(operands);
    }

    private PolicyExpression ParseAnd()
    {
        var operands = new List<PolicyExpression> { ParseNot() };
        while (Accept("and"))
        {
            operands.Add(ParseNot());
        }

        return operands.Count == 1 ? operands[0] : new PolicyExpression.And(operands);
    }

    private PolicyExpression ParseNot() => Accept("not") ? new PolicyExpression.Not(ParseNot()) : ParseAtom();

    private PolicyExpression ParseAtom()
    {
        if (_position >= _tokens.Count)
        {
            throw new FormatException("A policy rule ends where a check was expected.");
        }

        var token = _tokens[_position++];
        switch (token)
        {
            case "(":
                var inner = ParseOr();
                if (!Accept(")"))
                {
                    throw new FormatException("A '(' in a policy rule is not closed.");
                }

                return inner;
            case "@":
                return new PolicyExpression.Always();
            case "!":
                return new PolicyExpression.Never();
            case ")" or "and" or "or":
                throw new FormatException($"Unexpected '{token}' in a policy rule.");
        }

        var colon = token.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == token.Length - 1)
        {
            throw new FormatException($"'{token}' is not a policy check (kind:match).");
        }

        var kind = token[..colon];
        var match = token[(colon + 1)..];
        return kind switch
        {
            "rule" => new PolicyExpression.RuleReference(match),
            "role" => new PolicyExpression.RoleCheck(match),
            _ => new PolicyExpression.GenericCheck(kind, match),
        };
    }

    private bool Accept(string token)
    {
        if (_position < _tokens.Count && string.Equals(_tokens[_position], token, StringComparison.OrdinalIgnoreCase))
        {
            _position++;
            return true;
        }

        return false;
    }
}

using OrleansCompute.Identity;

namespace OrleansCompute.Api.Policy;

/// <summary>One evaluation of a rule: the caller, the target and the rule set (for <c>rule:</c> references).</summary>
internal sealed class PolicyEvaluation(CallerContext caller, PolicyTarget target, IReadOnlyDictionary<string, PolicyExpression> rules)
{
    /// <summary>Rule references deeper than this are a cycle in a policy file, not a policy.</summary>
    private const int MaxDepth = 32;

    private int _depth;

    public CallerContext Caller => caller;

    public PolicyTarget Target => target;

    public bool EvaluateRule(string name)
    {
        if (!rules.TryGetValue(name, out var rule))
        {
            return false;
        }

        if (++_depth > MaxDepth)
        {
            throw new InvalidOperationException($"The policy rule '{name}' refers to itself through rule: references.");
        }

        try
        {
            return rule.Evaluate(this);
        }
        finally
        {
            _depth--;
        }
    }

    /// <summary>Replaces <c>%(key)s</c> with the target's value; null when the target lacks it.</summary>
    public static string? Substitute(string value, PolicyTarget target)
    {
        if (!value.StartsWith("%(", StringComparison.Ordinal) || !value.EndsWith(")s", StringComparison.Ordinal))
        {
            return value;
        }

        return target[value[2..^2]];
    }
}

using Microsoft.Extensions.Options;
using OrleansCompute.Faults;
using OrleansCompute.Identity;

namespace OrleansCompute.Api.Policy;

/// <summary>
/// Nova's defaults merged with the overrides of the policy file, parsed once at start. Rules are evaluated per
/// request against the caller's roles, project and user; no state is shared between requests.
/// </summary>
internal sealed class ComputePolicy : IComputePolicy
{
    private readonly Dictionary<string, PolicyExpression> _rules = new(StringComparer.Ordinal);

    public ComputePolicy(IOptions<ComputePolicyOptions> options)
        : this(string.IsNullOrWhiteSpace(options.Value.File) ? new Dictionary<string, string>() : PolicyFileReader.Read(options.Value.File))
    {
    }

    public ComputePolicy(IReadOnlyDictionary<string, string> overrides)
    {
        foreach (var (name, text) in NovaPolicyDefaults.Rules)
        {
            _rules[name] = PolicyParser.Parse(text);
        }

        foreach (var (name, text) in overrides)
        {
            try
            {
                _rules[name] = PolicyParser.Parse(text);
            }
            catch (FormatException exception)
            {
                throw new FormatException($"The policy rule '{name}' is invalid: {exception.Message}", exception);
            }
        }
    }

    public bool IsAllowed(CallerContext caller, string rule, PolicyTarget? target = null)
    {
        if (!_rules.TryGetValue(rule, out var expression))
        {
            // oslo.policy's PolicyNotRegistered: a code path checking a rule nobody registered is a bug.
            throw new InvalidOperationException($"The policy rule '{rule}' is not registered.");
        }

        var evaluation = new PolicyEvaluation(caller, target ?? new PolicyTarget(caller.ProjectId, caller.UserId), _rules);
        return expression.Evaluate(evaluation);
    }

    public void Authorize(CallerContext caller, string rule, PolicyTarget? target = null)
    {
        if (!IsAllowed(caller, rule, target))
        {
            throw ComputeFaultException.Forbidden($"Policy doesn't allow {rule} to be performed.");
        }
    }
}

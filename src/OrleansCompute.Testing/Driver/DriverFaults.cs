using System.Collections.Immutable;
using OrleansCompute.Driver;
using OrleansCompute.Servers;

namespace OrleansCompute.Testing.Driver;

/// <summary>The driver fault rules of a <see cref="ComputeTestHost"/>, changeable while it runs; the first matching rule that is not used up applies.</summary>
public sealed class DriverFaults
{
    private readonly Lock _gate = new();
    private ImmutableList<(DriverFaultRule Rule, int Applied)> _rules = [];

    /// <summary>The rules still in force.</summary>
    public IReadOnlyList<DriverFaultRule> Rules => [.. Volatile.Read(ref _rules).Select(r => r.Rule)];

    /// <summary>Adds a rule after the existing ones.</summary>
    /// <param name="rule">The rule.</param>
    public void Add(DriverFaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (rule.Times is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(rule), rule.Times, "A rule applies at least once.");
        }

        lock (_gate)
        {
            _rules = _rules.Add((rule, 0));
        }
    }

    /// <summary>Removes every rule.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _rules = [];
        }
    }

    /// <summary>The rule that applies to this operation, its use counted (a used-up rule is dropped); null when none does.</summary>
    internal DriverFaultRule? Take(DriverOperation operation, ServerSnapshot server)
    {
        lock (_gate)
        {
            for (var i = 0; i < _rules.Count; i++)
            {
                var (rule, applied) = _rules[i];
                if (!rule.Matches(operation, server))
                {
                    continue;
                }

                _rules = rule.Times is { } times && applied + 1 >= times ? _rules.RemoveAt(i) : _rules.SetItem(i, (rule, applied + 1));
                return rule;
            }
        }

        return null;
    }
}

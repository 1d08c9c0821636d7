using System.Collections.Immutable;

namespace OrleansCompute.Testing.Http;

/// <summary>
/// The HTTP fault rules of a <see cref="ComputeTestHost"/>, changeable while the endpoint runs. The first rule that
/// matches a request, is not used up and wins its probability draw applies; the others are not consulted.
/// </summary>
public sealed class HttpFaults
{
    private readonly Lock _gate = new();
    private ImmutableList<HttpFault> _rules = [];
    private int _nextId;

    /// <summary>The rules, in the order they are consulted.</summary>
    public IReadOnlyList<HttpFault> Rules => Volatile.Read(ref _rules);

    /// <summary>Adds a rule after the existing ones.</summary>
    /// <param name="rule">The rule.</param>
    /// <returns>The added rule, to read how often it applied or to remove it.</returns>
    public HttpFault Add(HttpFaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        rule.Validate();
        lock (_gate)
        {
            var fault = new HttpFault(++_nextId, rule);
            _rules = _rules.Add(fault);
            return fault;
        }
    }

    /// <summary>Removes a rule; false if it was not there.</summary>
    /// <param name="id">The rule's <see cref="HttpFault.Id"/>.</param>
    public bool Remove(int id)
    {
        lock (_gate)
        {
            var before = _rules;
            _rules = _rules.RemoveAll(r => r.Id == id);
            return _rules.Count != before.Count;
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

    /// <summary>The rule that applies to this request, its use taken; null when none does.</summary>
    internal HttpFault? Take(string method, string path)
    {
        foreach (var fault in Rules)
        {
            if (fault.Exhausted || !fault.Matches(method, path))
            {
                continue;
            }

            if (fault.Rule.Probability < 1 && Random.Shared.NextDouble() >= fault.Rule.Probability)
            {
                continue;
            }

            if (fault.TryTake())
            {
                return fault;
            }
        }

        return null;
    }
}

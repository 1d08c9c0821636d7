using Microsoft.AspNetCore.Routing.Template;

namespace OrleansCompute.Testing.Http;

/// <summary>An added <see cref="HttpFaultRule"/>: how often it applied so far; remove it with <see cref="HttpFaults.Remove"/>.</summary>
public sealed class HttpFault
{
    private readonly TemplateMatcher _matcher;
    private int _applied;

    internal HttpFault(int id, HttpFaultRule rule)
    {
        Id = id;
        Rule = rule;
        _matcher = new TemplateMatcher(TemplateParser.Parse(rule.Path.TrimStart('/')), new Microsoft.AspNetCore.Routing.RouteValueDictionary());
    }

    /// <summary>The number that names the rule (the admin endpoint's <c>id</c>).</summary>
    public int Id { get; }

    /// <summary>The rule as added.</summary>
    public HttpFaultRule Rule { get; }

    /// <summary>How many requests the rule has affected.</summary>
    public int Applied => Volatile.Read(ref _applied);

    /// <summary>Whether <see cref="HttpFaultRule.Times"/> is used up.</summary>
    public bool Exhausted => Rule.Times is { } times && Applied >= times;

    internal bool Matches(string method, string path) =>
        (Rule.Method is null || string.Equals(Rule.Method, method, StringComparison.OrdinalIgnoreCase))
        && _matcher.TryMatch(path, new Microsoft.AspNetCore.Routing.RouteValueDictionary());

    /// <summary>Takes one use of the rule; false when another request took the last one first.</summary>
    internal bool TryTake()
    {
        while (true)
        {
            var applied = Volatile.Read(ref _applied);
            if (Rule.Times is { } times && applied >= times)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _applied, applied + 1, applied) == applied)
            {
                return true;
            }
        }
    }
}

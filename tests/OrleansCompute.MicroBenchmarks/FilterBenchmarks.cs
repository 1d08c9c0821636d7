using BenchmarkDotNet.Attributes;
using OrleansCompute.Indexing;

namespace OrleansCompute.MicroBenchmarks;

/// <summary>
/// Evaluating the list filters that run per candidate row: a name regex, an anchored ip match, and a
/// catastrophic pattern that the non-backtracking engine keeps linear.
/// </summary>
[MemoryDiagnoser]
public class FilterBenchmarks
{
    private readonly string[] _names = Enumerable.Range(0, 1000).Select(i => $"web-{i}-frontend-production").ToArray();
    private readonly string[] _ips = Enumerable.Range(0, 1000).Select(i => $"10.0.{i / 250}.{i % 250 + 2}\nfd00::{i:x}").ToArray();
    private readonly ServerPatternMatcher _name = new(new ServerPattern(ServerTextField.Name, "web-.*-prod"));
    private readonly ServerPatternMatcher _ip = new(new ServerPattern(ServerTextField.FixedIPv4, "10\\.0\\.3\\."));
    private readonly ServerPatternMatcher _catastrophic = new(new ServerPattern(ServerTextField.Name, "(a+)+$"));
    private readonly string _attack = new string('a', 5000) + "!";

    [Benchmark]
    public int NameRegexOver1000() => _names.Count(_name.IsMatch);

    [Benchmark]
    public int IpPrefixOver1000() => _ips.Count(_ip.IsMatch);

    [Benchmark]
    public bool CatastrophicPatternOn5000Characters() => _catastrophic.IsMatch(_attack);
}

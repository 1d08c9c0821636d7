using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using OrleansCompute.Api.Microversions;
using OrleansCompute.Api.Servers;

namespace OrleansCompute.MicroBenchmarks;

/// <summary>Parsing and validating a typical create body (the request schema of the negotiated microversion).</summary>
[MemoryDiagnoser]
public class ValidationBenchmarks
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""
        {"server": {"name": "web-1", "flavorRef": "1", "imageRef": "70a599e0-31e7-49b7-b260-868f441e862b",
          "networks": [{"uuid": "3cb9bc59-5699-4588-a4b1-b87f96708bc6", "fixed_ip": "10.0.0.9"}],
          "metadata": {"role": "web", "tier": "frontend"}, "security_groups": [{"name": "default"}],
          "user_data": "IyEvYmluL3NoCmVjaG8gaGVsbG8K", "availability_zone": "nova"},
         "os:scheduler_hints": {"same_host": ["0e44cc9c-e052-415d-afbf-469b0d384170"]}}
        """);

    [Params("2.1", "2.47")]
    public string Microversion { get; set; } = "2.1";

    private ApiVersion _version;

    [GlobalSetup]
    public void Setup() => _version = ApiVersion.TryParse(Microversion, out var version) ? version : throw new ArgumentException(Microversion);

    [Benchmark]
    public string ParseCreate()
    {
        using var document = JsonDocument.Parse(Body);
        return CreateServerRequestParser.Parse(document.RootElement, _version).Name;
    }
}

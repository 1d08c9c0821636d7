using System.Text.Json;
using BenchmarkDotNet.Attributes;
using OrleansCompute.Persistence.Index;
using OrleansCompute.Servers;

namespace OrleansCompute.MicroBenchmarks;

/// <summary>The server index row's snapshot JSON (System.Text.Json source generation), written per commit and read per listed server.</summary>
[MemoryDiagnoser]
public class JsonBenchmarks
{
    private readonly ServerSnapshot _server = SampleServers.Active();
    private byte[] _json = [];

    [GlobalSetup]
    public void Setup() => _json = JsonSerializer.SerializeToUtf8Bytes(_server, ServerSnapshotJsonContext.Default.ServerSnapshot);

    [Benchmark]
    public int Serialize() => JsonSerializer.SerializeToUtf8Bytes(_server, ServerSnapshotJsonContext.Default.ServerSnapshot).Length;

    [Benchmark]
    public Guid Deserialize() => JsonSerializer.Deserialize(_json, ServerSnapshotJsonContext.Default.ServerSnapshot)!.Id;
}

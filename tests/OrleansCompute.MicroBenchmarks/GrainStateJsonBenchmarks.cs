using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Storage;
using OrleansCompute.Scheduling;
using OrleansCompute.Servers;
using OrleansCompute.Servers.Actions;
using OrleansCompute.Storage;

namespace OrleansCompute.MicroBenchmarks;

/// <summary>
/// The server grain's state (the largest and most written grain state) written and read by the grain storage
/// serializer: Orleans' <see cref="SystemTextJsonGrainStorageSerializer"/> with reflection metadata (before issue 19),
/// the same with <see cref="GrainStateJsonContext"/> as the options' resolver (generated metadata, no generated
/// code: the options carry converters), and <see cref="GrainStateJsonSerializer"/> (after: generated code for writes).
/// The options are AddJsonGrainStorage's over Orleans' defaults, without the address and grain reference converters
/// Orleans adds in the silo.
/// </summary>
[MemoryDiagnoser]
public class GrainStateJsonBenchmarks
{
    private readonly ServerState _state = SampleServerState();
    private readonly SystemTextJsonGrainStorageSerializer _reflection = new(StorageOptions(resolver: null));
    private readonly SystemTextJsonGrainStorageSerializer _contextAsResolver = new(StorageOptions(JsonTypeInfoResolver.Combine(GrainStateJsonContext.Default, new DefaultJsonTypeInfoResolver())));
    private readonly GrainStateJsonSerializer _generated = new(StorageOptions(resolver: null));
    private BinaryData _json = BinaryData.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _json = _reflection.Serialize(_state);
        if (!_json.ToMemory().Span.SequenceEqual(_contextAsResolver.Serialize(_state).ToMemory().Span)
            || !_json.ToMemory().Span.SequenceEqual(_generated.Serialize(_state).ToMemory().Span))
        {
            throw new InvalidOperationException("the serializers do not write the same bytes");
        }
    }

    [Benchmark(Baseline = true)]
    public int SerializeReflection() => _reflection.Serialize(_state).Length;

    [Benchmark]
    public int SerializeContextAsResolver() => _contextAsResolver.Serialize(_state).Length;

    [Benchmark]
    public int SerializeGenerated() => _generated.Serialize(_state).Length;

    [Benchmark]
    public int DeserializeReflection() => _reflection.Deserialize<ServerState>(_json)!.Actions.Count;

    [Benchmark]
    public int DeserializeContextAsResolver() => _contextAsResolver.Deserialize<ServerState>(_json)!.Actions.Count;

    /// <summary>What GrainStateJsonSerializer would do if it read through the context too (it does not: see its summary).</summary>
    [Benchmark]
    public int DeserializeGenerated() => JsonSerializer.Deserialize(_json, GrainStateJsonContext.Default.ServerState)!.Actions.Count;

    private static IOptions<SystemTextJsonGrainStorageSerializerOptions> StorageOptions(IJsonTypeInfoResolver? resolver)
    {
        var options = new SystemTextJsonGrainStorageSerializerOptions();
        options.JsonSerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.JsonSerializerOptions.WriteIndented = false;
        options.JsonSerializerOptions.Converters.Add(new JsonStringEnumConverter());
        options.JsonSerializerOptions.TypeInfoResolver = resolver;
        return Options.Create(options);
    }

    /// <summary>An ACTIVE server after its create: the snapshot, its scheduling request and the create's action log.</summary>
    private static ServerState SampleServerState()
    {
        var server = SampleServers.Active();
        var at = server.CreatedAt;
        return new ServerState
        {
            Server = server,
            Scheduling = new ScheduleRequest
            {
                ProjectId = server.ProjectId,
                ServerIds = [server.Id],
                Flavor = server.Flavor,
                AvailabilityZone = "nova",
            },
            Actions =
            [
                new InstanceActionRecord
                {
                    Action = "create", RequestId = "req-5b1d7c3e-8f2a-4c6b-9e0d-1a2b3c4d5e6f", UserId = server.UserId, ProjectId = server.ProjectId,
                    StartTime = at, UpdatedAt = at.AddSeconds(2),
                    Events =
                    [
                        new InstanceActionEvent { Event = "compute__do_build_and_run_instance", StartTime = at, FinishTime = at.AddSeconds(2), Result = "Success", Host = "compute-1" },
                    ],
                },
            ],
        };
    }
}

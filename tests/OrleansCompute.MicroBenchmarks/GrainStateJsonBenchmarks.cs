using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using BenchmarkDotNet.Attributes;
using OrleansCompute.Scheduling;
using OrleansCompute.Servers;
using OrleansCompute.Servers.Actions;
using OrleansCompute.Storage;

namespace OrleansCompute.MicroBenchmarks;

/// <summary>
/// The server grain's state (the largest and most written grain state) as the grain storage serializer writes and
/// reads it: with the reflection resolver (before issue 19) and with <see cref="GrainStateJsonContext"/> under the
/// same options (after). <c>ContextFastPath</c> is the context on its own options, without the options' converters:
/// only then does System.Text.Json use the generated serialization code rather than the generated metadata.
/// </summary>
[MemoryDiagnoser]
public class GrainStateJsonBenchmarks
{
    private readonly ServerState _state = SampleServerState();
    private readonly JsonSerializerOptions _reflection = StorageOptions(new DefaultJsonTypeInfoResolver());
    private readonly JsonSerializerOptions _sourceGenerated = StorageOptions(JsonTypeInfoResolver.Combine(GrainStateJsonContext.Default, new DefaultJsonTypeInfoResolver()));
    private byte[] _json = [];

    [GlobalSetup]
    public void Setup()
    {
        _json = JsonSerializer.SerializeToUtf8Bytes(_state, _reflection);
        if (!_json.AsSpan().SequenceEqual(JsonSerializer.SerializeToUtf8Bytes(_state, _sourceGenerated))
            || !_json.AsSpan().SequenceEqual(JsonSerializer.SerializeToUtf8Bytes(_state, GrainStateJsonContext.Default.ServerState)))
        {
            throw new InvalidOperationException("the serializers do not write the same bytes");
        }
    }

    // As BinaryData.FromObjectAsJson<T> and ToObjectFromJson<T>: the state's type with the storage options.
    [Benchmark(Baseline = true)]
    public int SerializeReflection() => JsonSerializer.SerializeToUtf8Bytes(_state, _reflection).Length;

    [Benchmark]
    public int SerializeSourceGenerated() => JsonSerializer.SerializeToUtf8Bytes(_state, _sourceGenerated).Length;

    [Benchmark]
    public int SerializeContextFastPath() => JsonSerializer.SerializeToUtf8Bytes(_state, GrainStateJsonContext.Default.ServerState).Length;

    [Benchmark]
    public int DeserializeReflection() => JsonSerializer.Deserialize<ServerState>(_json, _reflection)!.Actions.Count;

    [Benchmark]
    public int DeserializeSourceGenerated() => JsonSerializer.Deserialize<ServerState>(_json, _sourceGenerated)!.Actions.Count;

    [Benchmark]
    public int DeserializeContextFastPath() => JsonSerializer.Deserialize(_json, GrainStateJsonContext.Default.ServerState)!.Actions.Count;

    /// <summary>The options of ComputeHostingExtensions.AddJsonGrainStorage over Orleans' defaults (its address and grain reference converters left out).</summary>
    private static JsonSerializerOptions StorageOptions(IJsonTypeInfoResolver resolver) => new()
    {
        IncludeFields = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = false,
        Converters = { new JsonStringEnumConverter() },
        TypeInfoResolver = resolver,
    };

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

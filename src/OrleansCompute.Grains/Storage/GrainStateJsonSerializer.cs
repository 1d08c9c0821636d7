using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Storage;

namespace OrleansCompute.Storage;

/// <summary>
/// The grain storage serializer: Orleans' System.Text.Json one (<see cref="SystemTextJsonGrainStorageSerializer"/>,
/// same options, same stored JSON), except that a state <see cref="GrainStateJsonContext"/> covers is written by
/// the context's generated code. System.Text.Json runs that code only under the context's own options: under the
/// storage options (which carry Orleans' converters) it falls back to the generated metadata, no faster than
/// reflection. The bytes are the same (<c>GrainStateJsonCompatibilityTests</c>). Reads stay with the storage options'
/// reflection metadata: the states' init-only members make the generated readers buffer constructor arguments, which
/// measured slower and allocating more (<c>GrainStateJsonBenchmarks</c>). Anything else (the in-memory PubSub store's
/// state, in tests) goes through Orleans' serializer unchanged.
/// </summary>
public sealed class GrainStateJsonSerializer(IOptions<SystemTextJsonGrainStorageSerializerOptions> options) : IGrainStorageStreamingSerializer
{
    private readonly SystemTextJsonGrainStorageSerializer _storage = new(options);

    /// <summary>The generated writer of <paramref name="stateType"/>, or null when the context does not cover it.</summary>
    public static JsonTypeInfo? GeneratedWriter(Type stateType) => GrainStateJsonContext.Default.GetTypeInfo(stateType);

    public BinaryData Serialize<T>(T? input) =>
        Generated<T>.Writer is { } writer ? new BinaryData(JsonSerializer.SerializeToUtf8Bytes(input!, writer)) : _storage.Serialize(input);

    public ValueTask SerializeAsync<T>(T? input, Stream destination, CancellationToken cancellationToken = default) =>
        Generated<T>.Writer is { } writer
            ? new ValueTask(JsonSerializer.SerializeAsync(destination, input!, writer, cancellationToken))
            : _storage.SerializeAsync(input, destination, cancellationToken);

    public T? Deserialize<T>(BinaryData input) => _storage.Deserialize<T>(input);

    public ValueTask<T?> DeserializeAsync<T>(Stream input, CancellationToken cancellationToken = default) =>
        _storage.DeserializeAsync<T>(input, cancellationToken);

    /// <summary>Looked up once per state type.</summary>
    private static class Generated<T>
    {
        public static readonly JsonTypeInfo<T>? Writer = (JsonTypeInfo<T>?)GeneratedWriter(typeof(T));
    }
}

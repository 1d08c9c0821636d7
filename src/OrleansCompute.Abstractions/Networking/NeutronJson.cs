using System.Text.Json;

namespace OrleansCompute.Networking;

/// <summary>How the network resources are stored as JSON in their index rows (written by grains, read by the API).</summary>
public static class NeutronJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.General);

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException("Empty network index row.");
}

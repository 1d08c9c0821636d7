using System.Text.Json;
using OrleansCompute.Servers;

namespace OrleansCompute.Persistence.Index;

/// <summary>The snapshot column's JSON, through the source-generated <see cref="ServerSnapshotJsonContext"/>.</summary>
internal static class ServerSnapshotJson
{
    public static string Serialize(ServerSnapshot server) =>
        JsonSerializer.Serialize(server, ServerSnapshotJsonContext.Default.ServerSnapshot);

    public static ServerSnapshot Deserialize(byte[] utf8Json) =>
        JsonSerializer.Deserialize(utf8Json, ServerSnapshotJsonContext.Default.ServerSnapshot) ?? throw NullSnapshot();

    public static ServerSnapshot Deserialize(string json) =>
        JsonSerializer.Deserialize(json, ServerSnapshotJsonContext.Default.ServerSnapshot) ?? throw NullSnapshot();

    private static InvalidOperationException NullSnapshot() => new("A compute_servers row holds a null snapshot.");
}

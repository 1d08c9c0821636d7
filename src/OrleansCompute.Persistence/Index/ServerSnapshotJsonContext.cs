using System.Text.Json.Serialization;
using OrleansCompute.Servers;

namespace OrleansCompute.Persistence.Index;

/// <summary>
/// Source-generated JSON for the snapshot column: no reflection at run time, and the property names are the C#
/// names, so the stored JSON reads back as long as properties are only ever added (as the snapshot's ids demand).
/// </summary>
[JsonSerializable(typeof(ServerSnapshot))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class ServerSnapshotJsonContext : JsonSerializerContext;

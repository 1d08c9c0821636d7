using System.Text.Json.Serialization;
using OrleansCompute.Images;

namespace OrleansCompute.Persistence.Images;

/// <summary>Source-generated JSON for the body column (C# property names; records only ever gain properties).</summary>
[JsonSerializable(typeof(SnapshotImage))]
internal sealed partial class ImageRecordJsonContext : JsonSerializerContext;

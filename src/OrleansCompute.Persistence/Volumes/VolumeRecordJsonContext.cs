using System.Text.Json.Serialization;
using OrleansCompute.Volumes;

namespace OrleansCompute.Persistence.Volumes;

/// <summary>Source-generated JSON for the record column (C# property names; records only ever gain properties).</summary>
[JsonSerializable(typeof(VolumeRecord))]
[JsonSerializable(typeof(VolumeSnapshotRecord))]
internal sealed partial class VolumeRecordJsonContext : JsonSerializerContext;

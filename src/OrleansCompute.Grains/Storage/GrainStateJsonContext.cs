using System.Text.Json.Serialization;
using OrleansCompute.Aggregates;
using OrleansCompute.Flavors;
using OrleansCompute.Images;
using OrleansCompute.Keypairs;
using OrleansCompute.Migrations;
using OrleansCompute.Networking;
using OrleansCompute.Quotas;
using OrleansCompute.Reservations;
using OrleansCompute.Scheduling;
using OrleansCompute.ServerGroups;
using OrleansCompute.Servers;
using OrleansCompute.Volumes;

namespace OrleansCompute.Storage;

/// <summary>
/// Source-generated JSON metadata of every persisted grain state (and, through them, every type they reach), so
/// grain state writes and reads need no reflection. The options are those the grain storage serializer runs with
/// (see <c>ComputeHostingExtensions.AddJsonGrainStorage</c>): Orleans' defaults (fields included), defaults and nulls
/// written, not indented, enums as strings, the C# names. They must stay equal, or the stored JSON changes:
/// <c>GrainStateJsonCompatibilityTests</c> compares the bytes with the reflection serializer's for every state.
/// A new <c>[PersistentState]</c> type belongs here; the same test fails until it is.
/// </summary>
[JsonSourceGenerationOptions(
    IncludeFields = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    WriteIndented = false,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(AggregateStoreState))]
[JsonSerializable(typeof(FlavorStoreState))]
[JsonSerializable(typeof(ImageDirectoryState))]
[JsonSerializable(typeof(ImageState))]
[JsonSerializable(typeof(KeyPairState))]
[JsonSerializable(typeof(MigrationIndexState))]
[JsonSerializable(typeof(FloatingIpState))]
[JsonSerializable(typeof(NeutronNetworkState))]
[JsonSerializable(typeof(PortState))]
[JsonSerializable(typeof(SecurityGroupState))]
[JsonSerializable(typeof(ProjectState))]
[JsonSerializable(typeof(QuotaClassState))]
[JsonSerializable(typeof(ReservationState))]
[JsonSerializable(typeof(HostRegistryState))]
[JsonSerializable(typeof(HostState))]
[JsonSerializable(typeof(ServerGroupDirectoryState))]
[JsonSerializable(typeof(ServerGroupState))]
[JsonSerializable(typeof(ServerState))]
[JsonSerializable(typeof(VolumeQuotaState))]
[JsonSerializable(typeof(VolumeSnapshotState))]
[JsonSerializable(typeof(VolumeState))]
public sealed partial class GrainStateJsonContext : JsonSerializerContext;

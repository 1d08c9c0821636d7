using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Storage;
using OrleansCompute.Quotas;
using OrleansCompute.Servers;
using OrleansCompute.Storage;
using OrleansCompute.Tests.Hardening;

namespace OrleansCompute.Tests.Storage;

/// <summary>
/// Grain state JSON is written by source-generated code (<see cref="GrainStateJsonContext"/> through
/// <see cref="GrainStateJsonSerializer"/>) since issue 19; before, from reflection metadata. The stored bytes must not change: what the previous release stored reads back, and what
/// this one writes the previous one reads. For every persisted state type (found by reflection, so a new one is
/// checked without being listed), a fully populated and a sparse instance are written by the silo's own grain
/// storage serializer and by the same options with the reflection resolver, and the bytes compared.
/// </summary>
[Collection(OutboxCollection.Name)]
public sealed class GrainStateJsonCompatibilityTests(OutboxFixture fixture)
{
    private static readonly MethodInfo SerializeMethod = typeof(IGrainStorageSerializer).GetMethod(nameof(IGrainStorageSerializer.Serialize))!;
    private static readonly MethodInfo DeserializeMethod = typeof(IGrainStorageSerializer).GetMethod(nameof(IGrainStorageSerializer.Deserialize), [typeof(BinaryData)])!;

    public static TheoryData<Type> StateTypes => PersistedStateTypes.Theory();

    private IGrainStorageSerializer Serializer => fixture.SiloServices.GetRequiredService<IGrainStorageSerializer>();

    /// <summary>The options the silo's grain storage serializer runs with (Orleans' converters included).</summary>
    private JsonSerializerOptions Current => fixture.SiloServices.GetRequiredService<IOptions<SystemTextJsonGrainStorageSerializerOptions>>().Value.JsonSerializerOptions;

    /// <summary>The previous release's serializer: the same options, with the reflection resolver.</summary>
    private JsonSerializerOptions Reflection => new(Current) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    [Fact]
    public void The_persisted_states_are_found_by_reflection()
    {
        PersistedStateTypes.All.Should().Contain([typeof(ServerState), typeof(ProjectState)]).And.HaveCountGreaterThanOrEqualTo(21);
    }

    [Fact]
    public void The_storage_options_besides_the_resolver_are_the_previous_releases()
    {
        // The reflection baseline below is these options with another resolver: they must be the stored format's.
        Current.DefaultIgnoreCondition.Should().Be(JsonIgnoreCondition.Never);
        Current.IncludeFields.Should().BeTrue("Orleans' default, which the context repeats");
        Current.WriteIndented.Should().BeFalse();
        Current.PropertyNamingPolicy.Should().BeNull("the stored names are the C# names");
        Current.Converters.Should().ContainSingle(converter => converter is JsonStringEnumConverter);
    }

    [Theory]
    [MemberData(nameof(StateTypes))]
    public void The_state_is_in_the_source_generated_context_and_the_serializer_writes_it_from_there(Type stateType)
    {
        var writer = GrainStateJsonSerializer.GeneratedWriter(stateType);

        writer.Should().NotBeNull($"{stateType.Name} is persisted: add [JsonSerializable(typeof({stateType.Name}))] to GrainStateJsonContext");
        writer!.OriginatingResolver.Should().BeOfType<GrainStateJsonContext>();
        writer.Options.Converters.Should().BeEmpty("only under the context's own options does System.Text.Json run the generated writer");
        Serializer.Should().BeOfType<GrainStateJsonSerializer>("the silo's grain storage writes through it");
    }

    [Theory]
    [MemberData(nameof(StateTypes))]
    public void A_populated_state_is_written_byte_for_byte_as_by_reflection(Type stateType)
    {
        var state = SampleStates.Full(stateType);

        Written(state, stateType).Should().Be(ByReflection(state, stateType));
    }

    [Theory]
    [MemberData(nameof(StateTypes))]
    public void A_state_with_its_nullable_members_unset_is_written_byte_for_byte_as_by_reflection(Type stateType)
    {
        var state = SampleStates.Sparse(stateType);

        Written(state, stateType).Should().Be(ByReflection(state, stateType));
    }

    [Theory]
    [MemberData(nameof(StateTypes))]
    public void A_state_written_by_the_previous_release_reads_back_and_this_releases_state_reads_in_the_previous(Type stateType)
    {
        foreach (var state in new[] { SampleStates.Full(stateType), SampleStates.Sparse(stateType) })
        {
            var before = ByReflection(state, stateType);
            var readNow = DeserializeMethod.MakeGenericMethod(stateType).Invoke(Serializer, [BinaryData.FromString(before)]);
            Written(readNow, stateType).Should().Be(before, "the previous release's JSON reads back whole");

            var now = Written(state, stateType);
            var readBefore = JsonSerializer.Deserialize(now, stateType, Reflection);
            ByReflection(readBefore, stateType).Should().Be(now, "the previous release reads this one's JSON whole");
        }
    }

    [Fact]
    public void A_project_state_stored_before_reads_back()
    {
        const string stored = """{"Limits":{"instances":5},"Servers":{"6f1c2a4e-0b7d-4a8e-9c3f-1d2e3f4a5b6c":{"Vcpus":2,"RamMb":1024,"ClaimedAt":null}},"ServerGroups":["0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9"]}""";

        var state = Serializer.Deserialize<ProjectState>(BinaryData.FromString(stored))!;

        state.Limits.Should().Equal(new Dictionary<string, int> { ["instances"] = 5 });
        state.Servers.Should().ContainKey(Guid.Parse("6f1c2a4e-0b7d-4a8e-9c3f-1d2e3f4a5b6c"))
            .WhoseValue.Should().Be(new ServerQuotaUsage { Vcpus = 2, RamMb = 1024 });
        state.ServerGroups.Should().Equal(Guid.Parse("0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9"));
        Serializer.Serialize(state).ToString().Should().Be(stored);
    }

    [Fact]
    public void A_type_outside_the_context_is_still_written_by_reflection_with_the_same_options()
    {
        var outside = new OutsideTheContext { Kind = OutsideKind.Second, Note = null };

        GrainStateJsonSerializer.GeneratedWriter(typeof(OutsideTheContext)).Should().BeNull();
        Serializer.Serialize(outside).ToString().Should().Be("""{"Kind":"Second","Note":null}""");
    }

    private string Written(object? state, Type stateType) =>
        ((BinaryData)SerializeMethod.MakeGenericMethod(stateType).Invoke(Serializer, [state])!).ToString();

    // What BinaryData.FromObjectAsJson did with the previous options.
    private string ByReflection(object? state, Type stateType) =>
        Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(state, stateType, Reflection));

    public enum OutsideKind
    {
        First,
        Second,
    }

    /// <summary>A type the context does not cover, as Orleans' PubSub state in the in-memory store: written as before.</summary>
    public sealed class OutsideTheContext
    {
        public OutsideKind Kind { get; set; }

        public string? Note { get; set; }
    }
}

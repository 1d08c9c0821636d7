using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using OrleansCompute.Persistence.Tests.Support;

namespace OrleansCompute.Persistence.Tests.Orleans;

[Collection(OrleansClusterCollection.Name)]
public sealed class GrainStorageTests(OrleansClusterFixture fixture)
{
    private const string StateName = "probe";

    [Fact]
    public async Task State_written_twice_survives_deactivation_with_version_2()
    {
        var grain = fixture.Cluster.Client.GetGrain<IPersistenceProbeGrain>("survives-" + Guid.NewGuid().ToString("N"));

        (await grain.Write("v1")).ETag.Should().Be("1");
        (await grain.Write("v2")).ETag.Should().Be("2");
        await fixture.Cluster.DeactivateAsync(grain);

        (await grain.Read()).Should().Be(new ProbeView("v2", "2", RecordExists: true));
        var row = await StoredRowAsync(grain.GetPrimaryKeyString());
        row.Version.Should().Be(2);
        row.Payload.Should().Be("""{"Value":"v2"}""");
    }

    [Fact]
    public async Task Clear_keeps_the_row_with_a_null_payload_and_the_next_write_updates_it()
    {
        var grain = fixture.Cluster.Client.GetGrain<IPersistenceProbeGrain>("clear-" + Guid.NewGuid().ToString("N"));
        await grain.Write("a");
        await grain.Write("b");

        (await grain.Clear()).Should().Be(new ProbeView(null, "3", RecordExists: false));
        var cleared = await StoredRowAsync(grain.GetPrimaryKeyString());
        cleared.Should().Be((3L, (string?)null));

        (await grain.Write("c")).ETag.Should().Be("4");
        await fixture.Cluster.DeactivateAsync(grain);
        (await grain.Read()).Should().Be(new ProbeView("c", "4", RecordExists: true));
    }

    [Fact]
    public async Task Stale_or_missing_etags_surface_as_InconsistentStateException()
    {
        var storage = Storage(ProbeCluster.StorageName);
        var grainId = ProbeGrainId("conflict-" + Guid.NewGuid().ToString("N"));

        var missing = new GrainState<ProbeState>(new ProbeState());
        await storage.ReadStateAsync(StateName, grainId, missing);
        missing.ETag.Should().BeNull();
        missing.RecordExists.Should().BeFalse();

        var first = new GrainState<ProbeState>(new ProbeState { Value = "x" });
        await storage.WriteStateAsync(StateName, grainId, first);
        first.ETag.Should().Be("1");

        var unknownVersion = new GrainState<ProbeState>(new ProbeState { Value = "y" }) { ETag = "999" };
        await FluentActions.Awaiting(() => storage.WriteStateAsync(StateName, grainId, unknownVersion))
            .Should().ThrowAsync<InconsistentStateException>();

        var insertOverExisting = new GrainState<ProbeState>(new ProbeState { Value = "y" });
        await FluentActions.Awaiting(() => storage.WriteStateAsync(StateName, grainId, insertOverExisting))
            .Should().ThrowAsync<InconsistentStateException>();

        await storage.WriteStateAsync(StateName, grainId, first);
        first.ETag.Should().Be("2");
        var staleClear = new GrainState<ProbeState>(new ProbeState()) { ETag = "1", RecordExists = true };
        await FluentActions.Awaiting(() => storage.ClearStateAsync(StateName, grainId, staleClear))
            .Should().ThrowAsync<InconsistentStateException>();
    }

    [Fact]
    public async Task An_integer_key_is_stored_with_a_null_extension_and_still_found_for_updates()
    {
        var storage = Storage(ProbeCluster.StorageName);
        // Hex digits only: Orleans stores it as an integer key with GrainIdExtensionString NULL (contract §4.1),
        // which only a null-safe comparison finds again.
        var key = Random.Shared.NextInt64(1, long.MaxValue).ToString("x", System.Globalization.CultureInfo.InvariantCulture);
        var grainId = ProbeGrainId(key);

        var state = new GrainState<ProbeState>(new ProbeState { Value = "one" });
        await storage.WriteStateAsync(StateName, grainId, state);
        state.State = new ProbeState { Value = "two" };
        await storage.WriteStateAsync(StateName, grainId, state);

        var read = new GrainState<ProbeState>(new ProbeState());
        await storage.ReadStateAsync(StateName, grainId, read);
        read.State!.Value.Should().Be("two");
        read.ETag.Should().Be("2");
        (await SqlHelper.ScalarAsync<long>(fixture.Temp.Database.ReadDataSource,
                "SELECT count(*) FROM OrleansStorage WHERE ServiceId = @s AND GrainIdN1 = @n1 AND GrainIdExtensionString IS NULL;",
                ("@s", fixture.ServiceId), ("@n1", Convert.ToInt64(key, 16))))
            .Should().Be(1);
    }

    [Fact]
    public async Task With_DeleteStateOnClear_clear_deletes_the_row_and_the_next_write_starts_again_at_1()
    {
        var storage = Storage(ProbeCluster.DeletingStorageName);
        var key = "delete-" + Guid.NewGuid().ToString("N");
        var grainId = ProbeGrainId(key);

        var state = new GrainState<ProbeState>(new ProbeState { Value = "gone soon" });
        await storage.WriteStateAsync(StateName, grainId, state);
        await storage.WriteStateAsync(StateName, grainId, state);
        await storage.ClearStateAsync(StateName, grainId, state);

        state.ETag.Should().BeNull();
        (await SqlHelper.ScalarAsync<long>(fixture.Temp.Database.ReadDataSource,
                "SELECT count(*) FROM OrleansStorage WHERE ServiceId = @s AND GrainIdExtensionString = @k;",
                ("@s", fixture.ServiceId), ("@k", key)))
            .Should().Be(0);

        state.State = new ProbeState { Value = "back" };
        await storage.WriteStateAsync(StateName, grainId, state);
        state.ETag.Should().Be("1");
    }

    private IGrainStorage Storage(string name) => fixture.Cluster.SiloServices().GetRequiredKeyedService<IGrainStorage>(name);

    private static GrainId ProbeGrainId(string key) => GrainId.Create("persistence-probe", key);

    private async Task<(long Version, string? Payload)> StoredRowAsync(string stringKey)
    {
        var rows = await SqlHelper.RowsAsync(fixture.Temp.Database.ReadDataSource,
            "SELECT Version, PayloadBinary FROM OrleansStorage WHERE ServiceId = @s AND GrainTypeString = @t AND GrainIdExtensionString = @k;",
            ("@s", fixture.ServiceId), ("@t", StateName), ("@k", stringKey));
        var row = rows.Should().ContainSingle().Subject;
        return ((long)row[0]!, row[1] is byte[] payload ? Encoding.UTF8.GetString(payload) : null);
    }
}

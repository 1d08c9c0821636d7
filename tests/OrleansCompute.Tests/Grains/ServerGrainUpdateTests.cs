using OrleansCompute.Catalog;
using OrleansCompute.Faults;
using OrleansCompute.Identity;
using OrleansCompute.Indexing;
using OrleansCompute.Servers;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Grains;

/// <summary>The synchronous writes of ServerGrain.Update.cs: update, metadata and tags, with their state rules.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ServerGrainUpdateTests(ClusterFixture fixture)
{
    private static readonly CallerContext Owner = new() { UserId = "owner", ProjectId = "upd", Roles = ["member"], RequestId = "req-u" };
    private static readonly CallerContext Stranger = Owner with { ProjectId = "elsewhere" };
    private static readonly CallerContext Admin = new() { UserId = "admin", ProjectId = "admin", Roles = ["admin"], RequestId = "req-a" };

    private async Task<IServerGrain> CreateAsync(bool settle)
    {
        var grain = fixture.Grains.GetGrain<IServerGrain>(Guid.NewGuid());
        await grain.CreateAsync(new CreateServerCommand
        {
            Caller = Owner,
            Name = "vm",
            ImageRef = DefaultCatalog.CirrosImageId,
            Flavor = new FlavorSnapshot { Id = "1", Name = "m1.tiny", Vcpus = 1, RamMb = 512, DiskGb = 1 },
            Networks = [],
            AutoAllocateNetwork = true,
            ReservationId = "r-upd00001",
            Hostname = "vm",
            Metadata = new Dictionary<string, string> { ["a"] = "1" },
        });
        if (settle)
        {
            await Eventually.Until(
                async () =>
                {
                    fixture.Time.Advance(TimeSpan.FromMilliseconds(250));
                    return await grain.GetAsync(Owner);
                },
                s => s.VmState == VmState.Active && s.TaskState is null);
        }

        return grain;
    }

    [Fact]
    public async Task Update_changes_the_given_fields_in_any_state_and_the_index_row_follows()
    {
        var grain = await CreateAsync(settle: false);
        var updated = await grain.UpdateAsync(Owner, new ServerUpdate { Name = "renamed", DescriptionGiven = true, Description = "d", AccessIPv4 = "192.0.2.1", DiskConfig = "AUTO" });

        updated.Should().Match<ServerSnapshot>(s => s.Name == "renamed" && s.Description == "d" && s.AccessIPv4 == "192.0.2.1" && s.DiskConfig == "AUTO");
        updated.VmState.Should().Be(VmState.Building, "an update does not wait for the build");
        (await fixture.Index.FindAsync(updated.Id))!.Name.Should().Be("renamed");
        var cleared = await grain.UpdateAsync(Owner, new ServerUpdate { DescriptionGiven = true, Description = null });
        cleared.Description.Should().BeNull();
        cleared.Name.Should().Be("renamed");

        await FluentActions.Awaiting(() => grain.UpdateAsync(Stranger, new ServerUpdate { Name = "x" }))
            .Should().ThrowAsync<ComputeFaultException>().Where(f => f.StatusCode == 404);
    }

    [Fact]
    public async Task The_build_still_finishes_after_an_update_during_it()
    {
        var grain = await CreateAsync(settle: false);
        await grain.UpdateAsync(Owner, new ServerUpdate { Name = "mid-build" });
        var server = await Eventually.Until(
            async () =>
            {
                fixture.Time.Advance(TimeSpan.FromMilliseconds(250));
                return await grain.GetAsync(Owner);
            },
            s => s.VmState == VmState.Active);
        server.Name.Should().Be("mid-build");
        server.Addresses.Should().NotBeEmpty();
    }

    [Fact]
    public async Task Pinning_an_availability_zone_follows_2_104()
    {
        var grain = await CreateAsync(settle: true);
        var zone = (await grain.GetAsync(Owner)).AvailabilityZone;
        (await grain.UpdateAsync(Owner, new ServerUpdate { PinnedAvailabilityZoneGiven = true })).PinnedAvailabilityZone.Should().BeNull();
        await FluentActions.Awaiting(() => grain.UpdateAsync(Owner, new ServerUpdate { PinnedAvailabilityZoneGiven = true, PinnedAvailabilityZone = "elsewhere" }))
            .Should().ThrowAsync<ComputeFaultException>().Where(f => f.StatusCode == 409);
        (await grain.UpdateAsync(Owner, new ServerUpdate { PinnedAvailabilityZoneGiven = true, PinnedAvailabilityZone = zone })).PinnedAvailabilityZone.Should().Be(zone);
        (await grain.UpdateAsync(Owner, new ServerUpdate { PinnedAvailabilityZoneGiven = true, PinnedAvailabilityZone = zone })).PinnedAvailabilityZone.Should().Be(zone);
        await FluentActions.Awaiting(() => grain.UpdateAsync(Owner, new ServerUpdate { PinnedAvailabilityZoneGiven = true, PinnedAvailabilityZone = "other-zone" }))
            .Should().ThrowAsync<ComputeFaultException>().Where(f => f.StatusCode == 409 && f.Message.Contains("Unpin", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Metadata_writes_need_a_launched_idle_server()
    {
        var building = await CreateAsync(settle: false);
        var fault = (await FluentActions.Awaiting(() => building.ChangeMetadataAsync(Owner, new MetadataChange { Items = new Dictionary<string, string> { ["b"] = "2" } }))
            .Should().ThrowAsync<ComputeFaultException>()).Which;
        fault.StatusCode.Should().Be(409);
        fault.Message.Should().Contain("Cannot 'update_metadata' instance").And.Contain("while it is in vm_state building");
    }

    [Fact]
    public async Task Metadata_merges_replaces_deletes_and_stops_at_the_item_limit()
    {
        var grain = await CreateAsync(settle: true);
        (await grain.ChangeMetadataAsync(Owner, new MetadataChange { Items = new Dictionary<string, string> { ["b"] = "2" } }))
            .Should().BeEquivalentTo(new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" });
        (await grain.ChangeMetadataAsync(Owner, new MetadataChange { Items = new Dictionary<string, string> { ["c"] = "3" }, Replace = true }))
            .Should().BeEquivalentTo(new Dictionary<string, string> { ["c"] = "3" });
        (await grain.ChangeMetadataAsync(Owner, new MetadataChange { DeleteKey = "c" })).Should().BeEmpty();
        await FluentActions.Awaiting(() => grain.ChangeMetadataAsync(Owner, new MetadataChange { DeleteKey = "c" }))
            .Should().ThrowAsync<ComputeFaultException>().Where(f => f.StatusCode == 404 && f.Message == "Metadata item was not found");

        var tooMany = Enumerable.Range(0, 129).ToDictionary(i => $"k{i}", i => "v");
        await FluentActions.Awaiting(() => grain.ChangeMetadataAsync(Owner, new MetadataChange { Items = tooMany }))
            .Should().ThrowAsync<ComputeFaultException>().Where(f => f.StatusCode == 403 && f.Message == "Maximum number of metadata items exceeds 128");
        (await grain.GetAsync(Owner)).Metadata.Should().BeEmpty("a refused write changes nothing");
        (await fixture.Index.QueryAsync(new ServerQuery { ProjectId = "upd", Uuid = (await grain.GetAsync(Owner)).Id })).Single().Metadata.Should().BeEmpty();
    }

    [Fact]
    public async Task Tags_add_once_remove_replace_and_stop_at_fifty_even_for_an_existing_tag()
    {
        var grain = await CreateAsync(settle: true);
        (await grain.ChangeTagsAsync(Owner, new TagChange { Kind = TagChangeKind.Add, Tag = "x" })).Should().Match<TagChangeResult>(r => r.Added && r.Tags.SequenceEqual(new[] { "x" }));
        (await grain.ChangeTagsAsync(Owner, new TagChange { Kind = TagChangeKind.Add, Tag = "x" })).Added.Should().BeFalse();
        (await grain.ChangeTagsAsync(Owner, new TagChange { Kind = TagChangeKind.Remove, Tag = "x" })).Tags.Should().BeEmpty();
        await FluentActions.Awaiting(() => grain.ChangeTagsAsync(Owner, new TagChange { Kind = TagChangeKind.Remove, Tag = "x" }))
            .Should().ThrowAsync<ComputeFaultException>().Where(f => f.StatusCode == 404);

        var fifty = Enumerable.Range(0, 50).Select(i => $"t{i}").ToList();
        (await grain.ChangeTagsAsync(Owner, new TagChange { Kind = TagChangeKind.ReplaceAll, Tags = fifty })).Tags.Should().HaveCount(50);
        await FluentActions.Awaiting(() => grain.ChangeTagsAsync(Owner, new TagChange { Kind = TagChangeKind.Add, Tag = "t0" }))
            .Should().ThrowAsync<ComputeFaultException>().Where(f => f.StatusCode == 400 && f.Message == "The number of tags exceeded the per-server limit 50");
        (await grain.ChangeTagsAsync(Owner, new TagChange { Kind = TagChangeKind.RemoveAll })).Tags.Should().BeEmpty();
        (await fixture.Index.FindAsync((await grain.GetAsync(Owner)).Id))!.Tags.Should().BeEmpty();
    }
}

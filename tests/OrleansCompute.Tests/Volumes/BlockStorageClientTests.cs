using System.Text.Json.Nodes;
using OrleansCompute.Tests.Identity;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Volumes;

/// <summary>
/// The real clients against the block storage service through the catalog: Debian's openstack CLI and
/// openstacksdk, including booting servers from volumes. Each call costs about a second of Python start-up, so each test covers a whole flow.
/// </summary>
[Collection(VolumeAndServiceClientHostCollection.Name)]
public sealed class BlockStorageClientTests(IdentityHostFixture fixture)
{
    private const string Demo = "orleanscompute-demo";

    private OpenStackCli Cli => fixture.Cli;

    [Fact]
    public async Task Openstack_cli_creates_a_volume_snapshots_it_and_makes_a_volume_from_the_snapshot()
    {
        var name = "cli-vol-" + Guid.NewGuid().ToString("N")[..6];
        var created = await Cli.OpenStackJsonAsync(Demo, "volume", "create", "--size", "1", name);
        var id = created["id"]!.GetValue<string>();
        await WaitForAsync(["volume", "show", id], "available");

        var listed = (await Cli.OpenStackJsonAsync(Demo, "volume", "list", "--name", name)).AsArray();
        listed.Select(v => v!["ID"]!.GetValue<string>()).Should().Equal(id);

        var snapshot = await Cli.OpenStackJsonAsync(Demo, "volume", "snapshot", "create", "--volume", id, name + "-snap");
        var snapshotId = snapshot["id"]!.GetValue<string>();
        await WaitForAsync(["volume", "snapshot", "show", snapshotId], "available");

        var copy = await Cli.OpenStackJsonAsync(Demo, "volume", "create", "--snapshot", snapshotId, name + "-copy");
        var copyId = copy["id"]!.GetValue<string>();
        var shown = await WaitForAsync(["volume", "show", copyId], "available");
        shown["snapshot_id"]!.GetValue<string>().Should().Be(snapshotId);
        shown["size"]!.GetValue<int>().Should().Be(1);

        await Cli.OpenStackAsync(Demo, "volume", "set", "--name", name + "-renamed", "--property", "k=v", copyId);
        (await Cli.OpenStackJsonAsync(Demo, "volume", "show", copyId))["name"]!.GetValue<string>().Should().Be(name + "-renamed");

        (await Cli.OpenStackJsonAsync(Demo, "volume", "show", copyId))["properties"]!.ToJsonString().Should().Contain("k");
        await Cli.OpenStackAsync(Demo, "volume", "delete", copyId);
        await Cli.OpenStackAsync(Demo, "volume", "snapshot", "delete", snapshotId);
        await Eventually.Until(
            async () => (await Cli.TryOpenStackAsync(Demo, "volume", "snapshot", "show", snapshotId)).ExitCode, code => code != 0, TimeSpan.FromSeconds(30));
        await Cli.OpenStackAsync(Demo, "volume", "delete", id);
    }

    [Fact]
    public async Task Openstack_cli_and_novaclient_attach_and_detach_a_volume()
    {
        var name = "cli-attach-" + Guid.NewGuid().ToString("N")[..6];
        var server = await Cli.OpenStackJsonAsync(Demo, "server", "create", "--flavor", "m1.tiny", "--image", "cirros-0.6.2-x86_64-disk", "--wait", name);
        var serverId = server["id"]!.GetValue<string>();
        var volumeId = (await Cli.OpenStackJsonAsync(Demo, "volume", "create", "--size", "1", name))["id"]!.GetValue<string>();
        await WaitForAsync(["volume", "show", volumeId], "available");

        await Cli.OpenStackAsync(Demo, "server", "add", "volume", serverId, volumeId);
        var inUse = await WaitForAsync(["volume", "show", volumeId], "in-use");
        inUse["attachments"]!.ToJsonString().Should().Contain(serverId);
        (await Cli.OpenStackJsonAsync(Demo, "server", "show", serverId))["volumes_attached"]!.ToJsonString().Should().Contain(volumeId);
        await Cli.OpenStackAsync(Demo, "server", "remove", "volume", serverId, volumeId);
        await WaitForAsync(["volume", "show", volumeId], "available");

        var password = fixture.Passwords["demo"];
        await Cli.NovaAsync("demo", "demo", password, "volume-attach", serverId, volumeId);
        await WaitForAsync(["volume", "show", volumeId], "in-use");
        (await Cli.NovaAsync("demo", "demo", password, "volume-attachments", serverId)).Should().Contain(volumeId);
        await Cli.NovaAsync("demo", "demo", password, "volume-detach", serverId, volumeId);
        await WaitForAsync(["volume", "show", volumeId], "available");

        await Cli.OpenStackAsync(Demo, "server", "delete", "--wait", serverId);
        await Cli.OpenStackAsync(Demo, "volume", "delete", volumeId);
    }

    [Fact]
    public async Task Openstack_cli_boots_from_a_volume_and_from_an_image_onto_a_new_volume()
    {
        var name = "cli-bfv-" + Guid.NewGuid().ToString("N")[..6];
        var volumeId = (await Cli.OpenStackJsonAsync(Demo, "volume", "create", "--size", "1", "--image", "cirros-0.6.2-x86_64-disk", name))["id"]!.GetValue<string>();
        await WaitForAsync(["volume", "show", volumeId], "available");

        var fromVolume = await Cli.OpenStackJsonAsync(Demo, "server", "create", "--flavor", "m1.tiny", "--volume", volumeId, "--wait", name);
        var fromVolumeId = fromVolume["id"]!.GetValue<string>();
        (await WaitForAsync(["volume", "show", volumeId], "in-use"))["attachments"]!.ToJsonString().Should().Contain(fromVolumeId);

        var fromImage = await Cli.OpenStackJsonAsync(Demo, "server", "create", "--flavor", "m1.tiny", "--image", "cirros-0.6.2-x86_64-disk", "--boot-from-volume", "1", "--wait", name + "-image");
        var fromImageId = fromImage["id"]!.GetValue<string>();
        var attached = await Eventually.Until(
            async () => (await Cli.OpenStackJsonAsync(Demo, "server", "show", fromImageId))["volumes_attached"]!.AsArray(),
            list => list.Count == 1,
            TimeSpan.FromSeconds(30),
            because: "the new root volume is attached at create");
        var newVolumeId = attached[0]!["id"]!.GetValue<string>();
        var newVolume = await WaitForAsync(["volume", "show", newVolumeId], "in-use");
        newVolume["bootable"]!.GetValue<string>().Should().Be("true");

        await Cli.OpenStackAsync(Demo, "server", "delete", "--wait", fromVolumeId, fromImageId);
        await WaitForAsync(["volume", "show", volumeId], "available");
        await WaitForAsync(["volume", "show", newVolumeId], "available");
        await Cli.OpenStackAsync(Demo, "volume", "delete", volumeId, newVolumeId);
    }

    [Fact]
    public async Task Openstacksdk_boots_from_a_volume_attaches_a_second_one_snapshots_it_and_makes_a_volume_from_the_snapshot()
    {
        var script = """
            import json, openstack
            conn = openstack.connect(cloud="orleanscompute-demo")
            bs = conn.block_storage
            def wait(resource, status):
                return bs.wait_for_status(resource, status=status, failures=["error"], interval=0.3, wait=60)
            image = conn.image.find_image("cirros-0.6.2-x86_64-disk")
            flavor = conn.compute.find_flavor("m1.tiny")
            network = conn.network.find_network("private")
            root = wait(bs.create_volume(name="sdk-root", size=1, image_id=image.id), "available")
            server = conn.compute.create_server(name="sdk-bfv", flavor_id=flavor.id, networks=[{"uuid": network.id}],
                block_device_mapping=[{"boot_index": 0, "uuid": root.id, "source_type": "volume", "destination_type": "volume"}])
            server = conn.compute.wait_for_server(server, interval=0.3, wait=60)
            data = wait(bs.create_volume(name="sdk-data", size=1), "available")
            conn.compute.create_volume_attachment(server, volume_id=data.id)
            data = wait(data, "in-use")
            attached = sorted(a.volume_id for a in conn.compute.volume_attachments(server))
            conn.compute.delete_volume_attachment(data.id, server)
            data = wait(data, "available")
            snap = bs.create_snapshot(volume_id=data.id, name="sdk-snap")
            snap = bs.wait_for_status(snap, status="available", interval=0.3, wait=60)
            copy = wait(bs.create_volume(name="sdk-copy", snapshot_id=snap.id), "available")
            result = {"server": server.status, "root": bs.get_volume(root).status, "attached": attached, "expected": sorted([root.id, data.id]),
                      "copy_snapshot": copy.snapshot_id, "snap": snap.id, "copy_size": copy.size}
            conn.compute.delete_server(server)
            conn.compute.wait_for_delete(server, interval=0.3, wait=60)
            for volume in (copy,):
                bs.delete_volume(volume)
                bs.wait_for_delete(volume, interval=0.3, wait=60)
            bs.delete_snapshot(snap)
            bs.wait_for_delete(snap, interval=0.3, wait=60)
            for volume in (data, wait(root, "available")):
                bs.delete_volume(volume)
                bs.wait_for_delete(volume, interval=0.3, wait=60)
            print(json.dumps(result))
            """;
        var output = JsonNode.Parse(await Cli.SdkAsync(script))!;

        output["server"]!.GetValue<string>().Should().Be("ACTIVE");
        output["root"]!.GetValue<string>().Should().Be("in-use", "the boot volume is attached to the server");
        output["attached"]!.AsArray().Select(a => a!.GetValue<string>()).Should().Equal(output["expected"]!.AsArray().Select(a => a!.GetValue<string>()));
        output["copy_snapshot"]!.GetValue<string>().Should().Be(output["snap"]!.GetValue<string>());
        output["copy_size"]!.GetValue<int>().Should().Be(1);
    }

    private Task<JsonNode> WaitForAsync(string[] show, string status) =>
        Eventually.Until(
            () => Cli.OpenStackJsonAsync(Demo, [.. show]),
            node => node["status"]!.GetValue<string>() == status,
            TimeSpan.FromSeconds(30),
            because: $"{string.Join(' ', show)} should become {status}");
}

using System.Security.Cryptography;
using OrleansCompute.Tests.Identity;

namespace OrleansCompute.Tests.Images;

/// <summary>
/// The openstack CLI (openstacksdk underneath) manages uploaded images on the real host, as users run it: create
/// with a file, show, save, set (property, tag, public as admin), share with a project that accepts, delete; and a
/// server boots from the uploaded image. One flow: each CLI call costs a Python start-up.
/// </summary>
[Collection(ImageAndFlavorClientHostCollection.Name)]
public sealed class ImageClientTests(IdentityHostFixture fixture)
{
    private const string Demo = "orleanscompute-demo";
    private const string AltDemo = "orleanscompute-alt-demo";
    private const string Admin = "orleanscompute-admin";

    private OpenStackCli Cli => fixture.Cli;

    [Fact]
    public async Task Image_create_show_save_set_share_boot_and_delete()
    {
        using var files = new Infrastructure.TempDirectory();
        var (upload, bytes, md5) = await DiskFileAsync(files, "disk.qcow2", 3 * 1024 * 1024 + 17, seed: 7);
        var name = $"cli-image-{Guid.NewGuid():N}"[..18];

        var created = await Cli.OpenStackJsonAsync(Demo, "image", "create", "--file", upload, "--disk-format", "qcow2", "--container-format", "bare", name);
        var id = created["id"]!.GetValue<string>();
        var shown = await Cli.OpenStackJsonAsync(Demo, "image", "show", id);
        shown["status"]!.GetValue<string>().Should().Be("active");
        shown["checksum"]!.GetValue<string>().Should().Be(md5);
        shown["size"]!.GetValue<long>().Should().Be(bytes.Length);

        var saved = Path.Combine(files.Path, "saved.qcow2");
        await Cli.OpenStackAsync(Demo, "image", "save", "--file", saved, id);
        (await File.ReadAllBytesAsync(saved)).Should().Equal(bytes);

        await Cli.OpenStackAsync(Demo, "image", "set", "--property", "hw_disk_bus=scsi", "--tag", "golden", id);
        var set = await Cli.OpenStackJsonAsync(Demo, "image", "show", id);
        set["properties"]!.ToJsonString().Should().Contain("\"hw_disk_bus\":\"scsi\"");
        set["tags"]!.ToJsonString().Should().Contain("golden");

        // Sharing: the owner adds the project, the member accepts, and the image is in the member's list.
        var altProject = await fixture.ProjectIdAsync("alt_demo");
        await Cli.OpenStackAsync(Demo, "image", "add", "project", id, altProject);
        (await Cli.OpenStackAsync(AltDemo, "image", "list", "-f", "value", "-c", "ID")).Should().NotContain(id, "a pending member does not list it");
        await Cli.OpenStackAsync(AltDemo, "image", "set", "--accept", id);
        (await Cli.OpenStackAsync(AltDemo, "image", "list", "-f", "value", "-c", "ID")).Should().Contain(id);

        // Public is the admin's to grant.
        (await Cli.TryOpenStackAsync(Demo, "image", "set", "--public", id)).ExitCode.Should().NotBe(0);
        await Cli.OpenStackAsync(Admin, "image", "set", "--public", id);
        (await Cli.OpenStackJsonAsync(Demo, "image", "show", id))["visibility"]!.GetValue<string>().Should().Be("public");

        var server = await Cli.OpenStackJsonAsync(Demo, "server", "create", "--flavor", "m1.tiny", "--image", id, "--wait", name + "-vm");
        server["status"]!.GetValue<string>().Should().Be("ACTIVE");
        await Cli.OpenStackAsync(Demo, "server", "delete", server["id"]!.GetValue<string>());

        await Cli.OpenStackAsync(Demo, "image", "delete", id);
        (await Cli.TryOpenStackAsync(Demo, "image", "show", id)).ExitCode.Should().NotBe(0);
    }

    [Fact]
    public async Task Image_create_with_import_then_deactivate_and_activate()
    {
        using var files = new Infrastructure.TempDirectory();
        var (upload, _, md5) = await DiskFileAsync(files, "disk.raw", 1024 * 1024 + 3, seed: 11);
        var name = $"cli-import-{Guid.NewGuid():N}"[..19];

        // --import: the SDK stages the file and asks for glance-direct, which the create's answer offered.
        var created = await Cli.OpenStackJsonAsync(Demo, "image", "create", "--import", "--file", upload, "--disk-format", "raw", "--container-format", "bare", name);
        var id = created["id"]!.GetValue<string>();
        var imported = await Infrastructure.Eventually.Until(
            () => Cli.OpenStackJsonAsync(Demo, "image", "show", id),
            s => s["status"]!.GetValue<string>() != "importing",
            because: "the import finishes");
        imported["status"]!.GetValue<string>().Should().Be("active");
        imported["checksum"]!.GetValue<string>().Should().Be(md5);

        await Cli.OpenStackAsync(Admin, "image", "set", "--deactivate", id);
        (await Cli.OpenStackJsonAsync(Demo, "image", "show", id))["status"]!.GetValue<string>().Should().Be("deactivated");
        (await Cli.TryOpenStackAsync(Demo, "image", "save", "--file", Path.Combine(files.Path, "blocked.raw"), id)).ExitCode.Should().NotBe(0, "a deactivated image's data is forbidden to non-admins");
        await Cli.OpenStackAsync(Admin, "image", "set", "--activate", id);
        (await Cli.OpenStackJsonAsync(Demo, "image", "show", id))["status"]!.GetValue<string>().Should().Be("active");

        await Cli.OpenStackAsync(Demo, "image", "delete", id);
    }

    /// <summary>A file of random bytes to upload: its path, its bytes and their MD5 (what Glance reports as checksum).</summary>
    private static async Task<(string Path, byte[] Bytes, string Md5)> DiskFileAsync(Infrastructure.TempDirectory files, string name, int length, int seed)
    {
        var path = Path.Combine(files.Path, name);
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        await File.WriteAllBytesAsync(path, bytes);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        hash.AppendData(bytes);
        return (path, bytes, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }
}

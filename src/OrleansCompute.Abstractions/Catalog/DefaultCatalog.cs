namespace OrleansCompute.Catalog;

/// <summary>What a fresh install offers: Nova's classic m1 flavors, a CirrOS image, one private network, three hosts.</summary>
public static class DefaultCatalog
{
    public const string CirrosImageId = "70a599e0-31e7-49b7-b260-868f441e862b";
    public const string PrivateNetworkId = "3cb9bc59-5699-4588-a4b1-b87f96708bc6";

    public static IReadOnlyList<FlavorDefinition> Flavors { get; } =
    [
        new() { Id = "1", Name = "m1.tiny", Vcpus = 1, RamMb = 512, DiskGb = 1 },
        new() { Id = "2", Name = "m1.small", Vcpus = 1, RamMb = 2048, DiskGb = 20 },
        new() { Id = "3", Name = "m1.medium", Vcpus = 2, RamMb = 4096, DiskGb = 40 },
        new() { Id = "4", Name = "m1.large", Vcpus = 4, RamMb = 8192, DiskGb = 80 },
        new() { Id = "5", Name = "m1.xlarge", Vcpus = 8, RamMb = 16384, DiskGb = 160 },
    ];

    public static IReadOnlyList<ImageDefinition> Images { get; } =
    [
        new()
        {
            Id = CirrosImageId, Name = "cirros-0.6.2-x86_64-disk", SizeBytes = 21430272, MinDiskGb = 0,
            Metadata = new() { ["architecture"] = "x86_64", ["auto_disk_config"] = "True", ["kernel_id"] = "nokernel", ["ramdisk_id"] = "nokernel" },
        },
    ];

    public static IReadOnlyList<NetworkDefinition> Networks { get; } =
    [
        new() { Id = PrivateNetworkId, Name = "private", Cidr = "10.0.0.0/16", IsDefault = true },
    ];

    public static IReadOnlyList<HostDefinition> Hosts { get; } =
    [
        new() { Name = "compute-1", HostIp = "192.168.10.11" },
        new() { Name = "compute-2", HostIp = "192.168.10.12" },
        new() { Name = "compute-3", HostIp = "192.168.10.13" },
    ];
}

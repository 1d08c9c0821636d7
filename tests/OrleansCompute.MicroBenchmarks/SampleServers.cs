using OrleansCompute.Catalog;
using OrleansCompute.Servers;

namespace OrleansCompute.MicroBenchmarks;

/// <summary>Realistic server snapshots: an ACTIVE server with an address, metadata and tags.</summary>
internal static class SampleServers
{
    public static ServerSnapshot Active(int index = 0)
    {
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(index);
        return new ServerSnapshot
        {
            Id = Guid.NewGuid(),
            ProjectId = "3f0c4a8e9d650f8c1c2a7e105b1e8a52",
            UserId = "demo",
            Name = $"web-{index}",
            Description = "a web server",
            ImageRef = DefaultCatalog.CirrosImageId,
            Flavor = new FlavorSnapshot { Id = "1", Name = "m1.tiny", Vcpus = 1, RamMb = 512, DiskGb = 1 },
            Metadata = new Dictionary<string, string> { ["role"] = "web", ["tier"] = "frontend" },
            VmState = VmState.Active,
            PowerState = PowerState.Running,
            CreatedAt = now,
            UpdatedAt = now,
            LaunchedAt = now,
            AvailabilityZone = "nova",
            SecurityGroups = ["default"],
            Addresses =
            [
                new ServerAddress
                {
                    NetworkId = DefaultCatalog.PrivateNetworkId, NetworkLabel = "private", Address = $"10.0.{index / 250}.{index % 250 + 2}",
                    IpVersion = 4, MacAddress = "fa:16:3e:00:11:22",
                },
            ],
            Host = "compute-1",
            Node = "compute-1",
            InstanceName = "instance-0000abcd",
            Hostname = $"web-{index}",
            ReservationId = "r-abcd1234",
            Tags = ["prod", "web"],
            Revision = 2,
        };
    }
}

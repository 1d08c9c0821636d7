using OrleansCompute.Servers;

namespace OrleansCompute.Persistence.Tests.Index;

/// <summary>Server snapshots for index tests; vary them with <c>with</c>.</summary>
public static class TestServers
{
    public static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static ServerSnapshot Make(Guid? id = null, string projectId = "project-a", DateTimeOffset? createdAt = null, long revision = 1) => new()
    {
        Id = id ?? Guid.NewGuid(),
        ProjectId = projectId,
        UserId = "user-1",
        Name = "server",
        ImageRef = "image-1",
        Flavor = new FlavorSnapshot { Id = "m1.small", Name = "m1.small", Vcpus = 1, RamMb = 2048, DiskGb = 20 },
        VmState = VmState.Active,
        PowerState = PowerState.Running,
        CreatedAt = createdAt ?? Epoch,
        UpdatedAt = createdAt ?? Epoch,
        InstanceName = "instance-00000001",
        Hostname = "server",
        ReservationId = "r-00000001",
        Revision = revision,
    };
}

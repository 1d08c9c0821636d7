using OrleansCompute.Servers;

namespace OrleansCompute.Tests.Quotas;

/// <summary>
/// Server index rows written straight into the index, for the quota and host claim tests: an m1.small server of a
/// project, optionally on a host, live (ACTIVE) or deleted, at a revision (a later revision replaces the row).
/// </summary>
internal static class IndexRows
{
    public static readonly FlavorSnapshot Small = new() { Id = "2", Name = "m1.small", Vcpus = 2, RamMb = 1024, DiskGb = 1 };

    public static ServerSnapshot Server(Guid id, string projectId, string? host = null, long revision = 1, bool deleted = false) => new()
    {
        Id = id,
        ProjectId = projectId,
        UserId = "u",
        Name = "indexed",
        ImageRef = "image",
        Flavor = Small,
        VmState = deleted ? VmState.Deleted : VmState.Active,
        Deleted = deleted,
        CreatedAt = DateTimeOffset.UnixEpoch,
        UpdatedAt = DateTimeOffset.UnixEpoch,
        InstanceName = "instance-indexed",
        Hostname = "indexed",
        ReservationId = "r-indexed",
        Host = host,
        Node = host,
        Revision = revision,
    };
}

using OrleansCompute.Identity;

namespace OrleansCompute.Servers.Actions;

/// <summary>
/// One validated server action: the API has parsed the body for the request's microversion and resolved what it
/// refers to (a resize's flavor, a rebuild's image). Only the members of <see cref="Action"/> are set.
/// </summary>
[GenerateSerializer, Immutable, Alias("compute.ServerActionCommand")]
public sealed record ServerActionCommand
{
    [Id(0)] public required CallerContext Caller { get; init; }
    [Id(1)] public required ServerActionKind Action { get; init; }

    /// <summary>resize: the flavor asked for (resolved by the grain after the state checks, as Nova does).</summary>
    [Id(2)] public string? FlavorRef { get; init; }

    /// <summary>rebuild: what changes.</summary>
    [Id(3)] public RebuildSpec? Rebuild { get; init; }

    /// <summary>lock (2.73+): the reason, or null.</summary>
    [Id(4)] public string? LockedReason { get; init; }

    /// <summary>os-resetState: <c>active</c> or <c>error</c>.</summary>
    [Id(5)] public string? State { get; init; }

    /// <summary>createImage / createBackup: the id the API chose for the new image, its name and properties
    /// (a backup's <c>backup_type</c> is among them).</summary>
    [Id(6)] public string? ImageId { get; init; }
    [Id(7)] public string? ImageName { get; init; }
    [Id(8)] public IReadOnlyDictionary<string, string>? ImageMetadata { get; init; }

    /// <summary>addSecurityGroup / removeSecurityGroup: the group's name.</summary>
    [Id(9)] public string? SecurityGroup { get; init; }

    /// <summary>unshelve (2.77+): the availability zone asked for; <see cref="UnpinAvailabilityZone"/> for an explicit null (2.91+).</summary>
    [Id(10)] public string? AvailabilityZone { get; init; }
    [Id(11)] public bool UnpinAvailabilityZone { get; init; }

    /// <summary>migrate / os-migrateLive / unshelve (2.91+): the destination host asked for (admin only).</summary>
    [Id(12)] public string? Host { get; init; }

    /// <summary>resize: <c>OS-DCF:diskConfig</c> when given.</summary>
    [Id(13)] public string? DiskConfig { get; init; }

    /// <summary>rescue: the image to rescue with (null: the server's own image).</summary>
    [Id(14)] public string? RescueImageRef { get; init; }

    /// <summary>
    /// True when the API has checked this action against the configured policy (the action's rule, a destination
    /// host's rule, unlock_override): the grain then trusts that decision. False (a product calling the grain
    /// directly): the grain applies Nova's defaults, admin only for admin actions and lock overrides.
    /// </summary>
    [Id(15)] public bool PolicyChecked { get; init; }

    /// <summary>unlock, when <see cref="PolicyChecked"/>: whether unlock_override allows removing the other party's lock.</summary>
    [Id(16)] public bool MayOverrideLock { get; init; }

    /// <summary>rescue from 2.87: a volume-backed server may be rescued (with a rescue image made for it).</summary>
    [Id(17)] public bool AllowVolumeBackedRescue { get; init; }

    /// <summary>evacuate (2.29 to 2.67): the named <see cref="Host"/> is used without the scheduler's filters.</summary>
    [Id(18)] public bool Force { get; init; }

    /// <summary>evacuate from 2.95: the server ends stopped on its new host (below 2.95 it keeps its power state).</summary>
    [Id(19)] public bool EvacuateStopped { get; init; }

    /// <summary>os-interface attach / detach: the port (to bind, to make, or to give up).</summary>
    [Id(20)] public ServerInterfaceRequest? Interface { get; init; }

    /// <summary>addSecurityGroup / removeSecurityGroup: the group's id, resolved by the API from the name or id given.</summary>
    [Id(21)] public string? SecurityGroupId { get; init; }

    /// <summary>addFixedIp: the network; removeFixedIp / addFloatingIp / removeFloatingIp: the address.</summary>
    [Id(22)] public string? NetworkId { get; init; }
    [Id(23)] public string? Address { get; init; }

    /// <summary>addFloatingIp: the fixed address asked for (null: the first IPv4); the floating IP found for the address (null: none).</summary>
    [Id(24)] public string? FixedAddress { get; init; }
    [Id(25)] public string? FloatingIpId { get; init; }
}

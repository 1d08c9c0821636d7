using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Identity;

// The real-client tests (Debian's openstack and nova commands, openstacksdk) spend minutes each in Python start-ups
// and in the clients' own 5 s status polls. In the one identity-host collection they ran one after another for most
// of the run and ended long after every other collection. Here they are three collections, each with a host of its
// own (xunit makes one IdentityHostFixture per collection), balanced by their durations, so that they run beside
// the others. The durations are seconds of a full run on a loaded machine; only their order matters.

/// <summary>The openstack and nova server commands (<see cref="OpenStackClientTests"/>).</summary>
[CollectionDefinition(Name)]
[CollectionDuration(345)]
public sealed class ServerClientHostCollection : ICollectionFixture<IdentityHostFixture>
{
    public const string Name = "identity-host-server-clients";
}

/// <summary>The real clients' volume commands and the operator's compute service and hypervisor commands.</summary>
[CollectionDefinition(Name)]
[CollectionDuration(380)]
public sealed class VolumeAndServiceClientHostCollection : ICollectionFixture<IdentityHostFixture>
{
    public const string Name = "identity-host-volume-and-service-clients";
}

/// <summary>The real clients' image and flavor commands.</summary>
[CollectionDefinition(Name)]
[CollectionDuration(275)]
public sealed class ImageAndFlavorClientHostCollection : ICollectionFixture<IdentityHostFixture>
{
    public const string Name = "identity-host-image-and-flavor-clients";
}

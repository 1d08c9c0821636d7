namespace OrleansCompute.Testing;

/// <summary>How the test reaches the endpoint.</summary>
public enum ComputeTestTransport
{
    /// <summary>In memory (ASP.NET Core TestServer): no port at all; use <see cref="ComputeTestHost.CreateClient"/>.</summary>
    InMemory,

    /// <summary>Kestrel on a free loopback port: for clients in other processes (the openstack CLI, openstacksdk).</summary>
    Loopback,
}

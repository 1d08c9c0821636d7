using Orleans.Configuration;

namespace OrleansCompute.Hosting;

/// <summary>
/// How long idle grains stay in memory where Orleans' default (15 minutes) does not fit. A server's port (one
/// <c>compute-port</c> grain per NIC, activated by the server's build) is, like the server, acted on around its
/// create and rarely after: its state is stored, ports are listed from the Neutron index, and its binding check is a
/// reminder, which wakes a collected grain. Held for 15 minutes, the ports of a seed of 10,000 servers stayed in
/// memory by the thousand beside their servers (docs/benchmarks.md, "The weight of a live server"). The server grain
/// sets its own age (its attribute, <c>ServerGrain.Residency</c>); the port grain's is set here, by its class name.
/// </summary>
internal static class ComputeGrainCollection
{
    /// <summary>The class name Orleans looks a grain's age up by (<see cref="Type.FullName"/>); a test checks it.</summary>
    internal const string PortGrainClass = "OrleansCompute.Networking.PortGrain";

    /// <summary>The same idle age as a server's: the smallest whole number of minutes above Orleans' one-minute collection quantum.</summary>
    internal static readonly TimeSpan PortIdleAge = TimeSpan.FromMinutes(2);

    public static void Configure(ISiloBuilder silo) =>
        silo.Configure<GrainCollectionOptions>(collection => collection.ClassSpecificCollectionAge[PortGrainClass] = PortIdleAge);
}

using OrleansCompute.Catalog;
using OrleansCompute.Faults;
using OrleansCompute.Identity;
using OrleansCompute.Servers;

namespace OrleansCompute.Testing.Tests.Clusters;

/// <summary>The product grain: its key is the project its servers belong to; it calls the compute grains directly.</summary>
public sealed class FleetGrain : Grain, IFleetGrain
{
    public async Task<Guid> LaunchAsync(string name)
    {
        var id = Guid.NewGuid();
        await GrainFactory.GetGrain<IServerGrain>(id).CreateAsync(new CreateServerCommand
        {
            Caller = Caller(),
            Name = name,
            ImageRef = DefaultCatalog.CirrosImageId,
            Flavor = new FlavorSnapshot { Id = "1", Name = "m1.tiny", Vcpus = 1, RamMb = 512, DiskGb = 1 },
            ReservationId = "r-" + id.ToString("N")[..8],
            Hostname = name,
        });
        return id;
    }

    public async Task<string?> StatusOfAsync(Guid serverId)
    {
        try
        {
            return (await GrainFactory.GetGrain<IServerGrain>(serverId).GetAsync(Caller())).Status;
        }
        catch (ComputeFaultException fault) when (fault.StatusCode == 404)
        {
            return null;
        }
    }

    public Task RetireAsync(Guid serverId) => GrainFactory.GetGrain<IServerGrain>(serverId).DeleteAsync(Caller());

    private CallerContext Caller() => new()
    {
        UserId = "fleet",
        ProjectId = this.GetPrimaryKeyString(),
        Roles = ["member"],
        RequestId = "req-" + Guid.NewGuid(),
    };
}

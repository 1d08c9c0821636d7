namespace OrleansCompute.Testing.Tests.Clusters;

/// <summary>A product's own grain: a fleet of servers that it launches and retires through the compute grains.</summary>
[Alias("product.IFleetGrain")]
public interface IFleetGrain : IGrainWithStringKey
{
    [Alias("Launch")]
    Task<Guid> LaunchAsync(string name);

    [Alias("StatusOf")]
    Task<string?> StatusOfAsync(Guid serverId);

    [Alias("Retire")]
    Task RetireAsync(Guid serverId);
}

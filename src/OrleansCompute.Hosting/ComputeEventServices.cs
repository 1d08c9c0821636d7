using Microsoft.Extensions.DependencyInjection;
using OrleansCompute.Events;

namespace OrleansCompute.Hosting;

/// <summary>
/// One event hub per silo: server grains publish to it, the product (<see cref="IComputeEvents"/>) and the
/// admin event stream read from it.
/// </summary>
internal static class ComputeEventServices
{
    public static void Add(IServiceCollection services)
    {
        services.AddSingleton<ComputeEventHub>();
        services.AddSingleton<IComputeEvents>(sp => sp.GetRequiredService<ComputeEventHub>());
        services.AddSingleton<IComputeEventPublisher>(sp => sp.GetRequiredService<ComputeEventHub>());
    }
}

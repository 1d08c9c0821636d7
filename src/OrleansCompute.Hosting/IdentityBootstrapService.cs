using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansCompute.Api.Identity;

namespace OrleansCompute.Hosting;

/// <summary>
/// When the built-in identity service is served: makes its passwords and token keys before the host takes requests
/// (so a node that cannot reach them fails at start, and nodes starting together agree on them), and writes
/// clouds.yaml once the host listens. When the product authenticates by itself, does nothing at all.
/// </summary>
internal sealed class IdentityBootstrapService(IdentityUse use, IServiceProvider services, IHostApplicationLifetime lifetime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!use.Served)
        {
            return Task.CompletedTask;
        }

        var directory = services.GetRequiredService<IdentityDirectory>();
        services.GetRequiredService<TokenProtector>();
        var writer = services.GetRequiredService<CloudsYamlWriter>();
        lifetime.ApplicationStarted.Register(() => writer.Write(directory));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

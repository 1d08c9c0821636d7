using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansCompute.Api;
using OrleansCompute.Api.Auth;
using OrleansCompute.Api.Identity;
using OrleansCompute.Persistence.Postgres;

namespace OrleansCompute.Hosting;

/// <summary>
/// The built-in identity service's bootstrap: users from configuration plus the defaults, passwords generated once,
/// the token key ring, and clouds.yaml. Embedded mode keeps passwords and keys in the data directory; cluster mode
/// keeps them in the PostgreSQL database, so that every node (silos and fronts, sharing no directory) issues and
/// accepts the same tokens. Everything is made lazily: only when the routes are mapped without the product's own
/// authentication (<see cref="IdentityUse"/>) does the bootstrap run at start.
/// </summary>
internal static class IdentityHosting
{
    /// <param name="services">The application's services.</param>
    /// <param name="configuration">The application's configuration (its auth mode decides what is registered).</param>
    /// <param name="cluster">Cluster mode: the registered <see cref="PostgresComputeDatabase"/> keeps the secrets.</param>
    public static void AddBuiltInIdentity(IServiceCollection services, IConfiguration configuration, bool cluster)
    {
        if (ComputeApiExtensions.AuthMode(configuration) != AuthModes.Identity)
        {
            return;
        }

        services.AddSingleton<IdentityUse>();
        if (cluster)
        {
            services.AddSingleton(sp => new PostgresIdentityStore(sp.GetRequiredService<PostgresComputeDatabase>()));
            services.AddSingleton(sp =>
            {
                var users = ConfiguredUsers(sp);
                return IdentityDirectory.Create(users, IdentityPasswordStore.LoadOrCreate(sp.GetRequiredService<PostgresIdentityStore>(), users));
            });
            services.AddSingleton(sp => DatabaseTokenKeys.CreateProtector(sp.GetRequiredService<PostgresIdentityStore>(), TimeProvider.System));
        }
        else
        {
            services.AddSingleton(sp =>
            {
                var users = ConfiguredUsers(sp);
                return IdentityDirectory.Create(users, IdentityPasswordStore.LoadOrCreate(Path.Combine(IdentityDirectoryOf(sp), "passwords.json"), users));
            });
            services.AddSingleton(sp => TokenProtector.WithKeysIn(Path.Combine(IdentityDirectoryOf(sp), "token-keys")));
        }

        services.AddSingleton<CloudsYamlWriter>();
        services.AddHostedService<IdentityBootstrapService>();
    }

    private static IReadOnlyDictionary<string, IdentityUserOptions> ConfiguredUsers(IServiceProvider services) =>
        IdentityDirectory.Configured(services.GetRequiredService<IOptions<IdentityOptions>>().Value);

    /// <summary>Embedded mode keeps passwords and token keys in <c>identity</c> under the data directory.</summary>
    private static string IdentityDirectoryOf(IServiceProvider services) =>
        Path.Combine(Path.GetFullPath(services.GetRequiredService<IOptions<ComputeOptions>>().Value.DataDirectory), "identity");
}

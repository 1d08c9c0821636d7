using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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
    /// <param name="configuration">The application's configuration.</param>
    /// <param name="dataDirectory">Embedded mode's data directory (clouds.yaml goes there in both modes).</param>
    /// <param name="cluster">Cluster mode: the registered <see cref="PostgresComputeDatabase"/> keeps the secrets.</param>
    public static void AddBuiltInIdentity(IServiceCollection services, IConfiguration configuration, string dataDirectory, bool cluster)
    {
        if (ComputeApiExtensions.AuthMode(configuration) != AuthModes.Identity)
        {
            return;
        }

        var options = configuration.GetSection(IdentityOptions.SectionName).Get<IdentityOptions>() ?? new IdentityOptions();
        var users = IdentityDirectory.Configured(options);
        var identityDirectory = Path.Combine(dataDirectory, "identity");
        services.AddSingleton<IdentityUse>();
        if (cluster)
        {
            services.AddSingleton(sp => new PostgresIdentityStore(sp.GetRequiredService<PostgresComputeDatabase>()));
            services.AddSingleton(sp => IdentityDirectory.Create(users, IdentityPasswordStore.LoadOrCreate(sp.GetRequiredService<PostgresIdentityStore>(), users)));
            services.AddSingleton(sp => DatabaseTokenKeys.CreateProtector(sp.GetRequiredService<PostgresIdentityStore>(), TimeProvider.System));
        }
        else
        {
            services.AddSingleton(_ => IdentityDirectory.Create(users, IdentityPasswordStore.LoadOrCreate(Path.Combine(identityDirectory, "passwords.json"), users)));
            services.AddSingleton(_ => TokenProtector.WithKeysIn(Path.Combine(identityDirectory, "token-keys")));
        }

        services.AddSingleton<CloudsYamlWriter>();
        services.AddHostedService<IdentityBootstrapService>();
    }
}

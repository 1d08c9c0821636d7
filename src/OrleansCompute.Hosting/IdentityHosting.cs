using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OrleansCompute.Api;
using OrleansCompute.Api.Auth;
using OrleansCompute.Api.Identity;

namespace OrleansCompute.Hosting;

/// <summary>
/// The built-in identity service's first-start bootstrap: users from configuration plus the defaults, passwords
/// generated once and kept in the data directory, the token key ring next to them, and clouds.yaml.
/// </summary>
internal static class IdentityHosting
{
    public static void AddBuiltInIdentity(IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        if (ComputeApiExtensions.AuthMode(configuration) != AuthModes.Identity)
        {
            return;
        }

        var options = configuration.GetSection(IdentityOptions.SectionName).Get<IdentityOptions>() ?? new IdentityOptions();
        var users = IdentityDirectory.Configured(options);
        var identityDirectory = Path.Combine(dataDirectory, "identity");
        var passwords = IdentityPasswordStore.LoadOrCreate(Path.Combine(identityDirectory, "passwords.json"), users);
        services.AddSingleton(IdentityDirectory.Create(users, passwords));
        services.AddSingleton(TokenProtector.WithKeysIn(Path.Combine(identityDirectory, "token-keys")));
        services.AddHostedService<CloudsYamlWriter>();
    }
}

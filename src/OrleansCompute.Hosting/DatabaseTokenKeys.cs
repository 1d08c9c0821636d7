using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using OrleansCompute.Api.Identity;
using OrleansCompute.Persistence.Postgres;

namespace OrleansCompute.Hosting;

/// <summary>
/// Cluster mode's token protector: ASP.NET Core Data Protection (the same as embedded mode's, so tokens look alike)
/// with its key ring in the database (<see cref="PostgresTokenKeyRepository"/>). Data Protection makes its first
/// key itself when the ring has none, and each node would make its own; so the first usable key is made here, under
/// the store's advisory lock, before any token is protected: nodes starting together make one key between them.
/// Later keys are rolled by Data Protection ahead of their activation (every node re-reads the ring daily), as in any
/// web farm sharing a key repository.
/// </summary>
internal static class DatabaseTokenKeys
{
    /// <summary>Data Protection's default key lifetime.</summary>
    private static readonly TimeSpan KeyLifetime = TimeSpan.FromDays(90);

    public static TokenProtector CreateProtector(PostgresIdentityStore store, TimeProvider time)
    {
        var services = new ServiceCollection();
        services.AddDataProtection()
            .SetApplicationName(TokenProtector.ApplicationName)
            .AddKeyManagementOptions(o => o.XmlRepository = new PostgresTokenKeyRepository(store));
        // Lives as long as the process: the protector's key ring cache is in it.
        var provider = services.BuildServiceProvider();
        EnsureUsableKey(store, provider.GetRequiredService<IKeyManager>(), time);
        return new TokenProtector(provider.GetRequiredService<IDataProtectionProvider>());
    }

    private static void EnsureUsableKey(PostgresIdentityStore store, IKeyManager keys, TimeProvider time) =>
        store.UnderTokenKeyLock(() =>
        {
            var now = time.GetUtcNow();
            if (!keys.GetAllKeys().Any(key => !key.IsRevoked && key.ActivationDate <= now && key.ExpirationDate > now))
            {
                keys.CreateNewKey(now, now + KeyLifetime);
            }
        });
}

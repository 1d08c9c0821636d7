using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using OrleansCompute.Persistence.Postgres;

namespace OrleansCompute.Hosting;

/// <summary>
/// Data Protection's key repository on cluster mode's database (table compute_identity_token_keys). Hand-written
/// (a few lines over <see cref="PostgresIdentityStore"/>): the packaged repositories need Entity Framework Core or
/// a cache service we do not run.
/// </summary>
internal sealed class PostgresTokenKeyRepository(PostgresIdentityStore store) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() => [.. store.TokenKeys().Select(XElement.Parse)];

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        // Data Protection names each element uniquely (key-{id}, revocation-{time}); without a name, a fresh one.
        var name = string.IsNullOrEmpty(friendlyName) ? "element-" + Guid.NewGuid().ToString("N") : friendlyName;
        store.AddTokenKey(name, element.ToString(SaveOptions.DisableFormatting));
    }
}
